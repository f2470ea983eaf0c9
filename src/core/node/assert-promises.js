'use strict';

// Async Timeline: `assert.rejects` and `assert.doesNotReject` of the program's `assert`
// (engine/sandbox-assert.ts puts them in the module).
//
// The rest of the program's assert is the host's, which is right for synchronous checks; these two
// are async functions, and the host's `await` of a simulated promise runs on the host's microtask
// queue, which the simulated loop never drains: the assertion never settled (a node:test test
// never ended). Here they are Node's own async functions of lib/assert.js (the same on 20, 22, 24
// and 26), instrumented like everything in this folder, so they settle in Node's ticks.
//
// The synchronous verdict on the outcome is the host assert's `throws`/`doesNotThrow` on a
// function that throws it (or returns, for no rejection): the same expectsError/expectsNoError
// checks with the same arguments (so the same argument errors and messages), and what names the
// call is made Node's — 'rejection' in the two messages that say 'exception', and the operator.

const { ERR_INVALID_ARG_TYPE, ERR_INVALID_RETURN_VALUE } = require('./errors').nodeErrorCodes();
const { isPromise } = require('util').types;

const NO_EXCEPTION_SENTINEL = {};

function checkIsPromise(obj) {
  // Accept native ES6 promises and promises that are implemented in a similar
  // way. Do not accept thenables that use a function as `obj` and that have no
  // `catch` handler.
  return isPromise(obj) ||
    (obj !== null && typeof obj === 'object' &&
    typeof obj.then === 'function' &&
    typeof obj.catch === 'function');
}

async function waitForActual(promiseFn) {
  let resultPromise;
  if (typeof promiseFn === 'function') {
    // Return a rejected promise if `promiseFn` throws synchronously.
    resultPromise = promiseFn();
    // Fail in case no promise is returned.
    if (!checkIsPromise(resultPromise)) {
      throw new ERR_INVALID_RETURN_VALUE('instance of Promise', 'promiseFn', resultPromise);
    }
  } else if (checkIsPromise(promiseFn)) {
    resultPromise = promiseFn;
  } else {
    throw new ERR_INVALID_ARG_TYPE('promiseFn', ['Function', 'Promise'], promiseFn);
  }

  try {
    await resultPromise;
  } catch (e) {
    return e;
  }
  return NO_EXCEPTION_SENTINEL;
}

/**
 * The host's AssertionError of `throws`/`doesNotThrow`, as `rejects`/`doesNotReject` make it:
 * their operator, and 'rejection' where the message says 'exception' (Node's fnType).
 */
function asPromiseAssertion(e, actual, hostOperator, operator, hostWords, words) {
  // The rejection itself (doesNotThrow rethrows one of another class) is the program's: untouched.
  if (e === actual || e === null || typeof e !== 'object' || e.code !== 'ERR_ASSERTION' || e.operator !== hostOperator) return e;
  e.operator = operator;
  const message = e.message;
  if (typeof message === 'string' && message.startsWith(hostWords)) {
    const stack = e.stack;
    e.message = words + message.slice(hostWords.length);
    if (typeof stack === 'string') e.stack = stack.replace(message, () => e.message);
  }
  return e;
}

/** `{ rejects, doesNotReject }` over `assert`, the program's module (its `throws` and `doesNotThrow`). */
function makeAssertPromises(assert) {
  const { throws, doesNotThrow } = assert;
  const rethrowing = (actual) => () => {
    if (actual !== NO_EXCEPTION_SENTINEL) throw actual;
  };

  function expectsError(actual, args) {
    try {
      throws(rethrowing(actual), ...args);
    } catch (e) {
      throw asPromiseAssertion(e, actual, 'throws', 'rejects', 'Missing expected exception', 'Missing expected rejection');
    }
  }

  function expectsNoError(actual, args) {
    if (actual === NO_EXCEPTION_SENTINEL) return;
    try {
      doesNotThrow(rethrowing(actual), ...args);
    } catch (e) {
      throw asPromiseAssertion(e, actual, 'doesNotThrow', 'doesNotReject', 'Got unwanted exception', 'Got unwanted rejection');
    }
  }

  const rejects = async function rejects(promiseFn, ...args) {
    expectsError(await waitForActual(promiseFn), args);
  };

  const doesNotReject = async function doesNotReject(fn, ...args) {
    expectsNoError(await waitForActual(fn), args);
  };

  return { rejects, doesNotReject };
}

module.exports = { makeAssertPromises };
