console.log('failing starts');
await null;
throw new Error('failing module');
