// An unhandled rejection from a web stream (pipeTo of a locked stream) ends the program with
// Node's print of a Node error: `TypeError [ERR_INVALID_STATE]: Invalid state: …` and its code.
const rs = new ReadableStream({ start(c) { c.enqueue(1); } });
rs.getReader();
console.log('locked ' + rs.locked);
rs.pipeTo(new WritableStream());
Promise.resolve().then(() => console.log('microtask before the crash'));
