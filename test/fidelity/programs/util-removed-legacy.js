// Node 23 removed util.log and the util.is* functions but isArray (Node 22 warns once per code
// when they are called, Node 20 not at all): a Node 24+ program that still calls them fails.
// util.deprecate's warnings are the program's ('warning' event on the next tick, then stderr).
const util = require('node:util');
const names = ['isArray', 'isBoolean', 'isBuffer', 'isDate', 'isError', 'isFunction', 'isNull', 'isNullOrUndefined', 'isNumber', 'isObject', 'isPrimitive', 'isRegExp', 'isString', 'isSymbol', 'isUndefined', 'log', 'inherits', 'promisify'];
console.log(names.map((n) => `${n}:${typeof util[n]}`).join(' '));
setTimeout(() => {
  try {
    console.log('isString', util.isString('x'));
  } catch (e) {
    console.log('caught', e.constructor.name, e.message);
  }
}, 1);
// util.deprecate: the warning is the program's (a 'warning' event on the next tick, then stderr).
process.on('warning', (w) => console.log('warning event', w.name, w.code, w.message));
const old = util.deprecate(function old(a, b) { return a + b; }, 'old() is old', 'DEP_OLD');
console.log('old', old(1, 2), old(3, 4), old.length, old.name);
const other = util.deprecate(() => 'other', 'other() is old too', 'DEP_OLD');
console.log('other', other());
process.nextTick(() => console.log('tick before the warning event'));
