// stdio 'inherit': the child writes straight to this process's stdout (a pipe, written
// synchronously by console.log), so the parent's lines before spawning and after 'close' bracket
// the child's output; 'ignore' discards it (child.stdout is null); stdio array mixing.
const { spawn } = require('node:child_process');

console.log('parent: before inherit child');
const a = spawn('sh', ['-c', 'echo "child line 1"; echo "child line 2"'], { stdio: 'inherit' });
a.on('close', (code) => {
  // (nothing is printed between spawn() and 'close': the child writes concurrently)
  console.log('parent: inherit child closed', code, 'child.stdout is', a.stdout);
  const b = spawn('sh', ['-c', 'echo "never seen"'], { stdio: 'ignore' });
  b.on('close', (code2) => {
    console.log('parent: ignore child closed', code2, 'child.stdout is', b.stdout, 'stdin is', b.stdin);
    const c = spawn('sh', ['-c', 'read x; echo "got $x"; echo "to parent stderr via pipe" >&2'], { stdio: ['pipe', 'inherit', 'pipe'] });
    let err = '';
    c.stderr.on('data', (d) => (err += d));
    c.stdin.end('piped-in\n');
    c.on('close', (code3) => console.log('parent: mixed child closed', code3, 'stderr', JSON.stringify(err)));
  });
});
