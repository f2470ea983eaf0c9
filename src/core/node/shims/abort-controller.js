// readable-stream's `require('abort-controller')`: the sandbox's globals (Node's own).
module.exports = { AbortController: globalThis.AbortController, AbortSignal: globalThis.AbortSignal };
