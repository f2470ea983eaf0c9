// Nested timers: each level schedules the next; order and virtual time steps.
const log = (s) => console.log(s);
const start = Date.now();
let depth = 0;
function level() {
  depth++;
  log('level ' + depth);
  if (depth < 5) setTimeout(level, 10);
  else log('elapsed >= 38: ' + (Date.now() - start >= 38));
}
setTimeout(level, 0);
