console.log('failing.mjs starts');
await new Promise((resolve) => setTimeout(resolve, 5));
throw new Error('config missing');
