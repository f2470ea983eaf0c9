// Setting process.exitCode inside async code: the process finishes its work and exits with it.
const log = (s) => console.log(s);
(async () => {
  await new Promise((r) => setTimeout(r, 10));
  log('setting exitCode 3');
  process.exitCode = 3;
  await null;
  log('still running after setting exitCode');
})();
setTimeout(() => log('later timer runs too'), 20);
