console.log('plain runs');
export const plain = 'ready';
