// Imported by esm-side-effect-import.mjs for its side effect only, from a package that says it has none.
console.log('imported for its side effect');
export const unused = 1;
