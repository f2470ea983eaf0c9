// Labelled break/continue across awaits inside nested loops, with finally blocks.
const log = (s) => console.log(s);
(async () => {
  outer: for (let i = 0; i < 3; i++) {
    try {
      for (let j = 0; j < 3; j++) {
        await null;
        if (j === 1 && i === 0) continue outer;
        if (i === 2) break outer;
        log(i + ',' + j);
      }
    } finally {
      log('finally i=' + i);
      await null;
    }
  }
  log('done');
})();
Promise.resolve().then(() => log('m1')).then(() => log('m2')).then(() => log('m3'));
