// clearImmediate from an earlier immediate cancels a later one in the same batch.
const log = (s) => console.log(s);
setTimeout(() => {
  let second;
  setImmediate(() => { log('first clears second'); clearImmediate(second); });
  second = setImmediate(() => log('second (never)'));
  setImmediate(() => log('third'));
  const cancelled = setImmediate(() => log('cancelled (never)'));
  clearImmediate(cancelled);
  clearImmediate(undefined);
  clearImmediate(null);
}, 1);
