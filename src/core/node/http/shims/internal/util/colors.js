'use strict';
module.exports = { shouldColorize: () => false, refresh() {} };
