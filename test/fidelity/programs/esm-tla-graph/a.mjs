console.log('a start');
Promise.resolve().then(() => console.log('a promise 1')).then(() => console.log('a promise 2')).then(() => console.log('a promise 3'));
process.nextTick(() => console.log('a tick'));
export const a = await Promise.resolve('A');
console.log('a after await');
