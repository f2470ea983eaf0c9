'use strict';
module.exports = { namespace: { isBuildingSnapshot: () => false } };
