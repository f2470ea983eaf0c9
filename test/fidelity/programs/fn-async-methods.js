// Async methods: static, private #m, object literal, computed name, getters returning promises,
// class field arrows.
const log = (s) => console.log(s);
class Store {
  #items = ['a', 'b'];
  static async create() {
    await null;
    log('static create');
    return new Store();
  }
  async #load(i) {
    await null;
    return this.#items[i];
  }
  async get(i) {
    return this.#load(i);
  }
  get ready() {
    return Promise.resolve('ready via getter');
  }
  onEvent = async (e) => {
    await null;
    return 'field arrow got ' + e + ' this is Store: ' + (this instanceof Store);
  };
  async ['computed' + 'Name']() {
    return 'computed';
  }
}
const literal = {
  async method() { await null; return 'literal method'; },
  async *gen() { yield 'literal gen'; },
};
(async () => {
  const s = await Store.create();
  log(await s.get(1));
  log(await s.ready);
  log(await s.onEvent('click'));
  log(await s.computedName());
  log(await literal.method());
  for await (const v of literal.gen()) log(v);
})();
