// A thenable that rejects, one that calls both callbacks, and one that throws in then().
const log = (s) => console.log(s);
const rejecting = { then(_res, rej) { rej('no'); } };
const both = { then(res, rej) { res('first'); rej('second'); res('third'); } };
const throwing = { then() { throw 'thrown in then'; } };
const throwsAfter = { then(res) { res('resolved'); throw 'ignored'; } };
(async () => {
  try { await rejecting; } catch (e) { log('rejecting: ' + e); }
  log('both: ' + (await both));
  try { await throwing; } catch (e) { log('throwing: ' + e); }
  log('throwsAfter: ' + (await throwsAfter));
})();
