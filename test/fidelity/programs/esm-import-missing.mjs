// import() of a module that does not exist rejects when it runs, with ERR_MODULE_NOT_FOUND; the
// program goes on (an optional dependency, as Vite and many libraries try one). Nothing fails
// before the program starts.
const where = (e) => e.message.replace(/ imported from \S+/, ' imported from <this file>').replace(/'\/\S+\/(no-such-file\.mjs)'/, "'<dir>/$1'");
console.log('start');
try {
  await import('async-timeline-not-installed');
} catch (e) {
  console.log(e.code, where(e), Object.keys(e));
}
try {
  await import('@async-timeline-nope/pkg/sub/path.js');
} catch (e) {
  console.log(e.code, where(e));
}
try {
  await import('./no-such-file.mjs');
} catch (e) {
  console.log(e.code, where(e), Object.keys(e), e.url.endsWith('/no-such-file.mjs'));
}
// Not awaited: it rejects before the next timer. (How many promise jobs Node's loader takes first
// differs from the simulator's, for every import(): docs/runtime.md.)
import('async-timeline-not-installed-either').catch((e) => console.log('rejected:', e.code));
setTimeout(() => console.log('timer'), 0);
