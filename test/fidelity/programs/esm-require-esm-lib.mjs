// An ES module that a CommonJS file requires (esm-require-esm.cjs); run alone it prints the same lines.
console.log('lib evaluated');
process.nextTick(() => console.log('lib tick'));
Promise.resolve().then(() => console.log('lib promise'));
export const answer = 42;
export function double(x) {
  return 2 * x;
}
export default 'lib default';
