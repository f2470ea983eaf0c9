// A chain of 50 nested async calls, each awaiting the next: order and tick count vs a counter.
const log = (s) => console.log(s);
async function chain(n) {
  if (n === 0) return 0;
  return (await chain(n - 1)) + 1;
}
let ticks = 0;
let done = false;
chain(50).then((v) => {
  done = true;
  log('chain result ' + v + ' after ' + ticks + ' ticks');
});
const counter = () => {
  ticks++;
  if (!done && ticks < 500) Promise.resolve().then(counter);
};
Promise.resolve().then(counter);
