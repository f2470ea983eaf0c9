// Throwing a non-Error (a string) uncaught: "Uncaught 'string'"-style output, exit 1.
console.log('before');
setTimeout(() => {
  throw 'a thrown string';
}, 1);
