console.log('sync: evaluated');
export const ok = true;
