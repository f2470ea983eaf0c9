// The store across async generators and for await, util.promisify'd timers, Promise.all /
// race / allSettled / any, `await` of a thenable (its then() runs in the awaiting context), and
// an 'unhandledRejection' listener (it runs in the context of the rejection).
const { AsyncLocalStorage } = require('async_hooks');
const util = require('util');
const als = new AsyncLocalStorage();
const log = (s) => console.log(`${s}: ${als.getStore()}`);
const sleep = util.promisify(setTimeout);

async function* gen() {
  log('gen start');
  yield 1;
  await sleep(1);
  log('gen after sleep');
  yield 2;
}

process.on('unhandledRejection', (reason) => {
  log(`unhandledRejection ${reason}`);
});

als.run('A', async () => {
  for await (const v of gen()) log(`for await got ${v}`);
  const all = await Promise.all([sleep(2).then(() => 'x'), Promise.resolve('y')]);
  log(`Promise.all ${all}`);
  await Promise.race([sleep(5), sleep(1)]);
  log('after race');
  const settled = await Promise.allSettled([Promise.reject(new Error('e'))]);
  log(`allSettled ${settled[0].status}`);
  await Promise.any([Promise.reject(1), sleep(1).then(() => 2)]);
  log('after any');
  const thenable = { then(resolve) { log('thenable then called'); resolve(7); } };
  log(`awaited thenable ${await thenable}`);
  als.run('B', () => { Promise.reject('in B'); });
});
