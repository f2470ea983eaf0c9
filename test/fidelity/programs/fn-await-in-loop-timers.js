// await inside for loops with timers; two loops interleave by due time.
// (Delays keep >= 50 ms between events of different chains, so real node is deterministic.)
const log = (s) => console.log(s);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
async function loop(name, delays) {
  for (const d of delays) {
    await sleep(d);
    log(name + ' slept ' + d);
  }
  return name;
}
Promise.all([loop('A', [100, 200, 200]), loop('B', [50, 100, 400])]).then((r) => log('both done ' + r.join(',')));
