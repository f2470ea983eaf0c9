// timeout.refresh() restarts the countdown from now.
const log = (s) => console.log(s);
const start = Date.now();
const t = setTimeout(() => log('refreshed timer fired, elapsed >= 70: ' + (Date.now() - start >= 70)), 50);
setTimeout(() => {
  log('refreshing at ~25');
  t.refresh();
}, 25);
setTimeout(() => log('marker 60'), 60);
