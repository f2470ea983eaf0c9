// An unhandled rejection overrides process.exitCode 0 with 1.
process.exitCode = 0;
console.log('exitCode set to 0');
new Promise((_, reject) => setTimeout(() => reject('late rejection'), 5));
