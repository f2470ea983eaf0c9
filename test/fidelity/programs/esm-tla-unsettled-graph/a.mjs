console.log('dep a waits');
await new Promise(() => {});
