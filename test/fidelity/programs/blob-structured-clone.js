// structuredClone of a Blob gives a Blob with the same bytes and type (Node's [kClone] over the
// same data); a File comes back as a Blob on Node 20/22 and as a File (name, lastModified) on
// 24+. Reading the clone settles in the same ticks as reading the original.
const log = console.log;
const blob = new Blob(['hello ', 'world'], { type: 'text/plain' });
const copy = structuredClone(blob);
log(copy instanceof Blob, copy !== blob, copy.size, copy.type, Object.prototype.toString.call(copy));
const file = new File(['abc'], 'a.txt', { type: 'text/x', lastModified: 42 });
const fileCopy = structuredClone(file);
log(fileCopy instanceof Blob, fileCopy instanceof File, fileCopy.size, fileCopy.type, fileCopy.name, fileCopy.lastModified);
const inside = structuredClone({ parts: [blob, blob], file });
log(inside.parts[0] === inside.parts[1], inside.parts[0] instanceof Blob, inside.file.size);
const order = [];
copy.text().then((t) => order.push(`copy: ${t}`));
blob.text().then((t) => order.push(`original: ${t}`));
Promise.resolve().then(() => order.push('tick 1')).then(() => order.push('tick 2')).then(() => order.push('tick 3'));
fileCopy.arrayBuffer().then((b) => order.push(`file bytes ${new Uint8Array(b).join(',')}`));
copy.slice(6).text().then((t) => order.push(`slice: ${t}`));
setTimeout(() => log(order));
