// structuredClone's options per line: Node 20's checks (options an object, transfer an iterable:
// its own messages, null and {} accepted) against Node 22+'s WebIDL dictionary ("Options cannot
// be converted to a dictionary", "transfer in Options can not/cannot be converted to sequence."
// — Node 22 and 24 spell it differently), the error's first stack line without the code; the
// transfer list is read once (a getter returning an iterator).
for (const options of [5, 'x', null, { transfer: 5 }, { transfer: null }, { transfer: 'ab' }, { transfer: {} }, () => {}]) {
  try {
    console.log('ok', structuredClone(1, options));
  } catch (e) {
    console.log(e.constructor.name, e.code, e.stack.split('\n')[0]);
  }
}
const buffer = new ArrayBuffer(4);
let reads = 0;
const copy = structuredClone(new Uint8Array(buffer), {
  get transfer() {
    reads++;
    return new Set([buffer]).values();
  },
});
console.log(copy.length, buffer.byteLength, 'transfer read', reads);
