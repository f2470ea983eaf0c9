'use strict';
// Async Timeline: lib/internal/url.js' helpers the test runner uses: the http port's, plus the
// host's file-URL conversions and URL.parse (the global URL is the host's).
const base = require('../../../http/shims/internal/url.js');
const { fileURLToPath, pathToFileURL } = require('url');
function URLParse(input, base) {
  try {
    return new URL(input, base);
  } catch {
    return null;
  }
}
module.exports = { ...base, fileURLToPath, pathToFileURL, URLParse };
