// Non-function arguments to then are ignored (identity / thrower used), still one tick each.
const log = (s) => console.log(s);
Promise.resolve(1).then(null).then(undefined, 5).then('str').then((v) => log('value passed through: ' + v));
Promise.reject(2).then(() => log('no')).then(null, null).catch((e) => log('reason passed through: ' + e));
Promise.resolve().then(() => log('m1')).then(() => log('m2')).then(() => log('m3')).then(() => log('m4')).then(() => log('m5'));
