// exit() runs a function outside the store (and what it schedules stays outside); disable()
// empties the storage for the running context until the next run()/enterWith.
const { AsyncLocalStorage } = require('async_hooks');
const als = new AsyncLocalStorage();
const other = new AsyncLocalStorage();
const log = (where) => console.log(`${where}: ${als.getStore()} / other ${other.getStore()}`);

other.run('o', () => {
  als.run('a', () => {
    log('in run');
    als.exit(() => {
      log('in exit');
      setTimeout(() => log('timer scheduled in exit'), 1);
      Promise.resolve().then(() => log('then scheduled in exit'));
    });
    log('after exit');
    setTimeout(() => {
      log('timer scheduled in run');
      als.disable();
      log('after disable');
      setTimeout(() => log('timer scheduled after disable'), 1);
      als.run('again', () => log('run after disable'));
    }, 5);
  });
});
log('top');
