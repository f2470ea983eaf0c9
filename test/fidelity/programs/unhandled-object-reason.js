// Rejection with a plain object: the reason is inspected in the message.
console.log('before');
Promise.reject({ code: 42, msg: 'plain object' });
