// releaseLock() on a writer whose ready promise is still pending rejects that same promise; on
// one whose ready promise has settled, replaces it with a rejected one (Node asks whether a
// promise is pending). Also the error a released writer's write() rejects with.
const log = (s) => console.log(s);
const ws = new WritableStream({ write() { return new Promise(() => {}); } }, { highWaterMark: 1 });
const w = ws.getWriter();
w.write('a');
w.write('b');
const ready1 = w.ready;
ready1.then(() => log('ready1 ok'), (e) => log('ready1 rejected ' + e.code));
w.closed.then(() => log('closed ok'), (e) => log('closed rejected ' + e.code));
w.releaseLock();
log('same ready ' + (w.ready === ready1));
w.ready.catch((e) => log('ready2 rejected ' + e.code));
w.write('c').catch((e) => log('write after release: ' + e.name + ' ' + e.code + ' ' + e.message));
const ws2 = new WritableStream();
const w2 = ws2.getWriter();
const r = w2.ready;
Promise.resolve().then(() => {
  w2.releaseLock();
  log('w2 same ready ' + (w2.ready === r));
  w2.ready.catch((e) => log('w2 ready rejected ' + e.code));
  log('ws2 locked ' + ws2.locked);
});
