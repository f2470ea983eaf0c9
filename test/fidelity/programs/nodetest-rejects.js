// node: 20,22,24,26
// fidelity: normalize test durations
// node:test with assert.rejects / doesNotReject (and t.assert's): the tests end, in order, and a
// failed one reports the AssertionError as the line makes it. Error.stackTraceLimit = 0: the
// stacks name Node's internal files (src/core/node/testrunner/README.md).
Error.stackTraceLimit = 0;
const { test } = require('node:test');
const assert = require('node:assert');
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
class NotFound extends Error {}

async function fetchUser(id) {
  await sleep(5);
  if (id < 0) throw new NotFound(`no user ${id}`);
  return { id };
}

test('rejects with the class', async () => {
  await assert.rejects(fetchUser(-1), NotFound);
});
test('rejects with a message pattern', async () => {
  await assert.rejects(() => fetchUser(-2), { message: /no user/ });
});
test('does not reject', async () => {
  await assert.doesNotReject(fetchUser(1));
});
test('t.assert.rejects', async (t) => {
  await t.assert.rejects(fetchUser(-3), NotFound);
});
test('missing rejection fails', async () => {
  await assert.rejects(fetchUser(2), NotFound);
});
test('unwanted rejection fails', async () => {
  await assert.doesNotReject(fetchUser(-4));
});
test('wrong class fails', async () => {
  await assert.rejects(fetchUser(-5), TypeError);
});
