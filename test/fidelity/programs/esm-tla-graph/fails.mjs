console.log('fails: start');
await new Promise((resolve) => setTimeout(resolve, 5));
console.log('fails: throwing');
throw new Error('module failed after its await');
