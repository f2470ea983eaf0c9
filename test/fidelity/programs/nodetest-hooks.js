// node: 20,22,24,26
// fidelity: normalize test durations
// Hooks at every level, sync and async (a timer, an immediate, a tick), in Node's order around
// each test, with the program's own output between the reports.
const { describe, it, before, after, beforeEach, afterEach, test } = require('node:test');

before(() => console.log('root before'));
after(() => console.log('root after'));
beforeEach(() => console.log('root beforeEach'));
afterEach(() => console.log('root afterEach'));

describe('db', () => {
  before(async () => {
    await new Promise((r) => setTimeout(r, 10));
    console.log('db before: connected');
  });
  after(async () => {
    await new Promise((r) => setImmediate(r));
    console.log('db after: closed');
  });
  beforeEach(async (t) => {
    await new Promise((r) => process.nextTick(r));
    console.log('db beforeEach', t.name);
  });
  afterEach((t) => console.log('db afterEach', t.name));

  it('reads', async () => {
    console.log('reads: start');
    await new Promise((r) => setTimeout(r, 5));
    console.log('reads: end');
  });
  it('writes', () => console.log('writes'));
  describe('nested', () => {
    beforeEach(() => console.log('nested beforeEach'));
    it('deep', () => console.log('deep'));
  });
});

test('plain', async (t) => {
  t.beforeEach((t2) => console.log('plain sub beforeEach', t2.name));
  t.afterEach((t2) => console.log('plain sub afterEach', t2.name));
  await t.test('s1', () => console.log('s1'));
  await t.test('s2', async () => {
    await null;
    console.log('s2');
  });
});
