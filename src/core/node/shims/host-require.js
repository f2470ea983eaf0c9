// The host's real modules, as index.ts's install() was given them.
module.exports = (name) => require('../host').real(name);
