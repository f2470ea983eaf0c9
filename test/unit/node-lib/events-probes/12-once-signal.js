'use strict';
const { once, EventEmitter } = require('events');
const util = require('util');
const log = (...a) => console.log(...a);

function showErr(err) {
  log(err.name, err.code, err.message, err instanceof Error, Object.keys(err), err.cause === undefined ? 'no cause' : `${err.cause.name}: ${err.cause.message}`);
  log(util.inspect(err).split('\n').filter((l) => !/^\s+at /.test(l)).join(' | '));
}

async function main() {
  const ee = new EventEmitter();
  // Already aborted.
  try { await once(ee, 'x', { signal: AbortSignal.abort() }); } catch (err) { showErr(err); }
  try { await once(ee, 'x', { signal: AbortSignal.abort('my reason') }); } catch (err) { showErr(err); log('cause', err.cause); }
  log('listeners', ee.listenerCount('x'), ee.listenerCount('error'));

  // Aborted while waiting.
  const ac = new AbortController();
  const p = once(ee, 'x', { signal: ac.signal });
  log('listeners', ee.listenerCount('x'), ee.listenerCount('error'));
  process.nextTick(() => log('tick'));
  queueMicrotask(() => log('micro'));
  ac.abort(new Error('stop!'));
  log('aborted; listeners', ee.listenerCount('x'), ee.listenerCount('error'));
  try { await p; } catch (err) { showErr(err); }

  // Event wins, then abort is harmless.
  const ac2 = new AbortController();
  const p2 = once(ee, 'x', { signal: ac2.signal });
  ee.emit('x', 'value');
  ac2.abort();
  log('resolved', await p2);

  // A listener that stops immediate propagation does not stop once's abort listener.
  const ac3 = new AbortController();
  ac3.signal.addEventListener('abort', (e) => { log('user abort listener stops propagation'); e.stopImmediatePropagation(); });
  const p3 = once(ee, 'y', { signal: ac3.signal });
  ac3.signal.addEventListener('abort', () => log('later user listener'));
  ac3.abort();
  try { await p3; } catch (err) { log('still rejected', err.name); }

  // Timeout signal.
  const t0 = Date.now();
  try { await once(ee, 'z', { signal: AbortSignal.timeout(5) }); } catch (err) { log(err.name, err.cause.name, err.cause.message, Date.now() - t0 >= 4); }
}
main().then(() => log('done'));
