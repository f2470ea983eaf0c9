// Three chains of 5 links each interleave round-robin.
const log = (s) => console.log(s);
for (const name of ['x', 'y', 'z']) {
  let p = Promise.resolve(0);
  for (let i = 1; i <= 5; i++) p = p.then((n) => { log(name + (n + 1)); return n + 1; });
}
