// `await` is an ordinary identifier in a CommonJS script outside async functions: the
// instrumenter renames it for the bundler, and the program must not see the difference.
function await() { return 'called'; }
console.log(await.name, await.length, typeof await, await instanceof Function, await());
console.log('name' in await, Object.getOwnPropertyDescriptor(await, 'name'));

async function main() {
  function inner() {
    var await = function () {};
    const o = { await };
    const { await: again } = o;
    console.log(Object.keys(o), await.name, again === await);
    return await;
  }
  const f = inner();
  await null;
  console.log('after await', f.name);
  function* gen() { var await = () => 1; yield await.name; }
  console.log([...gen()]);
}

var shorthand = { await: 1 };
{
  let { await = function () {} } = {};
  console.log(await.name, shorthand.await);
}
{
  class await { static hello() { return 'hi'; } }
  console.log(await.name, await.hello());
  let arrow;
  arrow = (() => { let await; await = () => {}; return await; })();
  console.log(arrow.name);
}
const [await1 = 0] = [];
var { await: renamedKey } = { await: 'key' };
label: { console.log(renamedKey, await1); break label; }
main().then(() => console.log('done', typeof await));
setTimeout(() => console.log('timer', await.name), 0);
