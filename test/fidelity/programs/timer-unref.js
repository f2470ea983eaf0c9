// An unref'd timer does not keep the process alive; a ref'd one does, and hasRef reports it.
const log = (s) => console.log(s);
const u = setTimeout(() => log('unref timer (fires only while the loop is alive)'), 10);
u.unref();
log('hasRef after unref: ' + u.hasRef());
const never = setTimeout(() => log('never: unref and too late'), 500);
never.unref();
setTimeout(() => log('ref timer at 30'), 30);
const r = setTimeout(() => log('re-ref timer at 40'), 40);
r.unref();
r.ref();
log('hasRef after ref: ' + r.hasRef());
process.on('exit', () => log('exit'));
