// Two async functions reading two streams, each await interleaving with the other's and with
// a third that awaits plain promises: the exact job order of reads resolved from the queue,
// reads that wait for a pull, and the program's own awaits.
const log = (s) => console.log(s);
const make = (name, n, hwm) => {
  let i = 0;
  return new ReadableStream({
    pull(c) { log(name + ' pull ' + i); if (i < n) c.enqueue(i++); else c.close(); },
  }, { highWaterMark: hwm });
};
async function drain(name, rs) {
  const r = rs.getReader();
  let sum = 0;
  for (;;) {
    const { value, done } = await r.read();
    if (done) break;
    log(name + ' value ' + value);
    sum += value;
  }
  log(name + ' sum ' + sum);
}
async function plain() {
  for (let k = 0; k < 6; k++) { await null; log('plain ' + k); }
}
drain('A', make('A', 3, 0));
drain('B', make('B', 3, 4));
plain();
log('sync end');
