console.log('prefix.mjs runs');
export const prefix = 'esm';
