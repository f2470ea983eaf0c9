// A push source: enqueue beyond the highWaterMark (desiredSize goes negative), pull is called
// only when the queue drains below it; the reader reads from timers and immediates.
const log = (s) => console.log(s);
let ctl;
let pulls = 0;
const rs = new ReadableStream({
  start(c) { ctl = c; log('start desired=' + c.desiredSize); },
  pull(c) { pulls++; log('pull #' + pulls + ' desired=' + c.desiredSize); },
  cancel(reason) { log('cancel ' + reason); },
}, new CountQueuingStrategy({ highWaterMark: 3 }));
for (let k = 0; k < 5; k++) { ctl.enqueue('c' + k); log('enqueued c' + k + ' desired=' + ctl.desiredSize); }
const reader = rs.getReader();
setTimeout(async () => {
  log('timer');
  for (let k = 0; k < 3; k++) {
    const { value } = await reader.read();
    log('got ' + value + ' desired=' + ctl.desiredSize);
  }
  setImmediate(async () => {
    log('immediate');
    ctl.enqueue('late');
    log('read ' + (await reader.read()).value);
    log('read ' + (await reader.read()).value);
    const p = reader.read();
    ctl.close();
    log('after close ' + JSON.stringify(await p));
    await reader.cancel('bye');
    log('cancelled, pulls=' + pulls);
  });
}, 5);
Promise.resolve().then(() => log('microtask'));
