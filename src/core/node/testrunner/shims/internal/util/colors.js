'use strict';
// Async Timeline: lib/internal/util/colors.js. The simulated process writes to pipes (its
// output is the run's), so no color, as Node writing to a pipe: every color is ''.
const colors = {
  blue: '', green: '', white: '', yellow: '', red: '', gray: '', clear: '', reset: '',
  hasColors: false,
  shouldColorize: () => false,
  refresh() {},
};
module.exports = colors;
