'use strict';
// Async Timeline: net.BlockList / net.SocketAddress are not simulated.
class BlockList {
  constructor() {
    throw new Error('async-timeline: net.BlockList is not simulated');
  }
}
module.exports = { BlockList };
