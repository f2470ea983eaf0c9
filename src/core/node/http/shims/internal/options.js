'use strict';
// Async Timeline: the command-line options net.js and the _http_ files read, at Node's defaults.
const { host } = require('../../../host');
function getOptionValue(name) {
  switch (name) {
    case '--network-family-autoselection': return true;
    case '--network-family-autoselection-attempt-timeout': return 250;
    case '--insecure-http-parser': return false;
    case '--max-http-header-size': return 16 * 1024;
    default: return undefined;
  }
}
void host;
module.exports = { getOptionValue };
