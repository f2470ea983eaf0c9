// A started port with a listener keeps the program alive until it is closed; a closed channel
// lets the loop end once both 'close' events have run.
const log = console.log;
process.on('exit', () => log('exit'));
const { port1, port2 } = new MessageChannel();
let n = 0;
port2.on('message', (m) => {
  log('got', m);
  if (++n === 3) {
    port2.close();
    return;
  }
  setTimeout(() => port1.postMessage(m * 2), 10);
});
port1.on('close', () => log('port1 close'));
port2.on('close', () => log('port2 close'));
port1.postMessage(1);
