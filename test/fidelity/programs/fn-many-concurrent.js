// 500 concurrent tasks with varying await counts finish in a deterministic order.
const log = (s) => console.log(s);
const order = [];
async function task(i) {
  for (let k = 0; k < i % 7; k++) await null;
  order.push(i);
}
Promise.all(Array.from({ length: 500 }, (_, i) => task(i))).then(() => {
  log('count ' + order.length);
  log('first 20: ' + order.slice(0, 20).join(','));
  log('last 20: ' + order.slice(-20).join(','));
});
