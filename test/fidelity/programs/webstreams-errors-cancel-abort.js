// Errors and reasons: controller.error() rejects pending and later reads, cancel(reason) reaches
// the source, writer.abort(reason) reaches the sink and rejects queued writes, a throwing
// transform errors both sides, and pipeTo with an aborted signal.
const log = (s) => console.log(s);
(async () => {
  let ctl;
  const rs = new ReadableStream({ start(c) { ctl = c; } });
  const r = rs.getReader();
  const p = r.read();
  ctl.error(new Error('boom'));
  await p.catch((e) => log('read rejected ' + e.message));
  await r.closed.catch((e) => log('closed rejected ' + e.message));
  await r.read().catch((e) => log('later read ' + e.message));

  const ws = new WritableStream({
    write() { return new Promise((res) => setTimeout(res, 5)); },
    abort(reason) { log('sink abort ' + reason); },
  });
  const w = ws.getWriter();
  w.write('1').then(() => log('write 1 ok'), (e) => log('write 1 ' + e));
  w.write('2').then(() => log('write 2 ok'), (e) => log('write 2 ' + e));
  await w.abort('stop');
  log('abort resolved');
  await w.closed.catch((e) => log('writer closed rejected ' + e));

  const ts = new TransformStream({ transform(ch) { throw new TypeError('bad ' + ch); } });
  const tw = ts.writable.getWriter();
  await tw.write('x').catch((e) => log('transform write ' + e.name + ': ' + e.message));
  await ts.readable.getReader().read().catch((e) => log('transform read ' + e.message));

  const ac = new AbortController();
  const src = new ReadableStream({ pull(c) { c.enqueue('z'); }, cancel(r) { log('src cancel ' + r.name); } });
  const dst = new WritableStream({ write(ch) { log('dst ' + ch); ac.abort(); }, abort(r) { log('dst abort ' + r.name); } });
  await src.pipeTo(dst, { signal: ac.signal }).catch((e) => log('pipeTo rejected ' + e.name + ' ' + e.message));
  const c = new ReadableStream({ cancel(r) { log('cancel with ' + r); return new Promise((res) => setImmediate(res)); } });
  await c.cancel('reason');
  log('cancel done');
})();
setTimeout(() => log('timer 0'), 0);
