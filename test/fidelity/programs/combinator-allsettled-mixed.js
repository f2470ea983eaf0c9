// allSettled reports statuses in input order, including non-Error rejection reasons.
const log = (s) => console.log(s);
Promise.allSettled([
  Promise.resolve(1),
  Promise.reject('nope'),
  new Promise((r) => setTimeout(() => r('timer'), 10)),
  42,
  { then(_, rej) { rej({ code: 7 }); } },
]).then((results) => {
  for (const r of results) log(JSON.stringify(r));
});
