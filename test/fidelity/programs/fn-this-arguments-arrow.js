// `this` and `arguments` inside async arrows come from the enclosing function, across awaits.
const log = (s) => console.log(s);
const obj = {
  name: 'obj',
  method(a, b) {
    const arrow = async () => {
      await null;
      log('this.name=' + this.name + ' arguments=' + Array.from(arguments).join(','));
      await null;
      log('still ' + this.name + ' ' + arguments.length);
    };
    return arrow();
  },
};
obj.method(1, 2).then(() => log('done'));
async function plain() {
  'use strict';
  await null;
  log('strict this in async function: ' + this);
}
plain();
