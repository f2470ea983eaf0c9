// Promise.all keeps input order regardless of settle order; timing vs microtask counter.
const log = (s) => console.log(s);
const later = (v, n) => {
  let p = Promise.resolve(v);
  for (let i = 0; i < n; i++) p = p.then((x) => x);
  return p;
};
Promise.all([later('slow', 4), later('fast', 0), 'plain', later('mid', 2)]).then((vs) => log('all: ' + vs.join(',')));
let i = 0;
const tick = () => { log('tick ' + ++i); if (i < 8) Promise.resolve().then(tick); };
Promise.resolve().then(tick);
