// Rejection with a non-Error value: ERR_UNHANDLED_REJECTION message naming the reason.
console.log('before');
Promise.reject('oops');
