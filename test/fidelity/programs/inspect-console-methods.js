// console.error/warn/info/debug/table/dir with promises: stdout vs stderr split.
console.info('info', Promise.resolve(1));
console.error('error', Promise.resolve(2));
console.warn('warn', new Promise(() => {}));
console.debug('debug');
console.dir(Promise.resolve({ a: 1 }));
console.table([{ a: 1, b: 'x' }, { a: 2, b: 'y' }]);
console.log(typeof Promise.resolve(), Promise.resolve() instanceof Object);
