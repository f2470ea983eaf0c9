// Timers record Date.now() at firing; each fires no earlier than its delay.
const log = (s) => console.log(s);
const start = Date.now();
for (const d of [50, 10, 30]) {
  setTimeout(() => log('timer ' + d + ' on time: ' + (Date.now() - start >= d - 2)), d);
}
