// A BroadcastChannel keeps the program alive from the moment it is made (its port is started and
// ref'd) until close() or unref(); an unref'd channel still receives while the loop runs for
// other reasons. It prints as Node prints it.
const log = console.log;
process.on('exit', () => log('exit'));
const quiet = new BroadcastChannel('chat');
quiet.unref();
quiet.onmessage = (e) => log('unref\'d channel got', e.data);
const loud = new BroadcastChannel('chat');
loud.onmessage = (e) => log('loud got', e.data);
const poster = new BroadcastChannel('chat');
poster.unref();
poster.postMessage('one');
log(quiet, typeof quiet.ref, quiet.ref() === quiet);
quiet.unref();
setImmediate(() => {
  poster.postMessage('two');
  setImmediate(() => {
    log('closing loud');
    loud.close();
    log(loud);
    poster.postMessage('three (nobody keeps the loop alive for it)');
  });
});
