// any ignores early rejections; race does not; both with a mix of immediate values.
const log = (s) => console.log(s);
const r = Promise.reject(new Error('early'));
r.catch(() => {});
Promise.race([r, 'value']).then((v) => log('race -> ' + v), (e) => log('race rejected ' + e.message));
Promise.any([r, 'value']).then((v) => log('any -> ' + v));
Promise.any([r, Promise.reject('second')]).catch((e) => log('any all rejected: ' + e.errors.map(String).join(' | ')));
