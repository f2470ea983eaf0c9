'use strict';
const EventEmitter = require('events');
const util = require('util');

const ee = new EventEmitter();
const values = [42, 'a string', undefined, null, { a: 1, nested: { deep: { deeper: true } } }, [1, 2],
  Symbol('s'), { [util.inspect.custom]() { return 'CUSTOM'; } }, { [util.inspect.custom]() { throw new Error('no'); } }];
for (const v of values) {
  try {
    ee.emit('error', v);
  } catch (err) {
    console.log(err.name, err.code, JSON.stringify(err.message), err.context === v, Object.keys(err));
    let text;
    try {
      text = util.inspect(err).split('\n').filter((l) => !/^\s+at /.test(l)).join(' | ');
    } catch (e) {
      // err.context's own custom inspect throws here too.
      text = `inspect threw: ${e.message}`;
    }
    console.log(text);
  }
}
try {
  ee.emit('error');
} catch (err) {
  console.log('no args:', err.message, 'context' in err, err.context);
}
// An error from another realm is not `instanceof Error` here.
try {
  ee.emit('error', require('vm').runInNewContext('new Error("other realm")'));
} catch (err) {
  console.log('vm error:', err.code, err.message.split('\n')[0]);
}
// Uncaught: the process prints ERR_UNHANDLED_ERROR.
ee.emit('error', { code: 'E_CUSTOM', reason: 'object' });
