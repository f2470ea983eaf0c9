export const b = 1;
console.log('dep b waits');
  if (b) {
    await new Promise(() => {});
  }
