// A Timeout converts to a numeric id usable with clearTimeout; clearTimeout of junk is a no-op.
const log = (s) => console.log(s);
const t = setTimeout(() => log('never'), 10);
const id = +t;
log('id is number: ' + (typeof id === 'number') + ', integer: ' + Number.isInteger(id));
clearTimeout(id);
clearTimeout('nonsense');
clearTimeout({});
clearInterval(undefined);
setTimeout(() => log('other timer runs'), 20);
