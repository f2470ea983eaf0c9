// Timeout objects: close(), hasRef, [Symbol.toPrimitive], and the Timeout constructor name.
const log = (s) => console.log(s);
const t = setTimeout(() => log('closed timer (never)'), 5);
log('constructor ' + t.constructor.name);
t.close();
const i = setInterval(() => {}, 1000);
log('interval constructor ' + i.constructor.name);
clearInterval(i);
const imm = setImmediate(() => log('immediate runs'));
log('immediate constructor ' + imm.constructor.name + ', hasRef ' + imm.hasRef());
