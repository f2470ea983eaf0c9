'use strict';
class SocketAddress {
  constructor() {
    throw new Error('async-timeline: net.SocketAddress is not simulated');
  }
}
module.exports = { SocketAddress };
