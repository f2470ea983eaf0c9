// The `async` npm library (3.x) tells async iteratees from callback ones by
// fn[Symbol.toStringTag] === 'AsyncFunction': mapLimit, eachSeries, parallel, retry and
// asyncify over async functions must finish with Node's results and order.
const async = require('async');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function double(x) {
  await sleep(10 * (4 - x));
  console.log('done', x);
  return x * 2;
}

async function main() {
  const out = await async.mapLimit([1, 2, 3], 2, double);
  console.log('mapLimit', out);
  await async.eachSeries(['a', 'b'], async (s) => {
    await null;
    console.log('each', s);
  });
  const par = await async.parallel({ one: async () => 1, two: async () => { await sleep(1); return 2; } });
  console.log('parallel', par);
  let tries = 0;
  const r = await async.retry(3, async () => {
    tries++;
    if (tries < 3) throw new Error('try ' + tries);
    return 'ok after ' + tries;
  });
  console.log('retry', r);
  async.mapLimit([5, 6], 1, async (x) => x + 1, (err, res) => console.log('callback form', err, res));
  const wrapped = async.asyncify(async (x) => x * 3);
  wrapped(4, (err, v) => console.log('asyncify', err, v));
}
main().then(() => console.log('main resolved'));
