console.log('b eval (no await, sibling)');
export const b = 'B';
