console.log('config.mjs starts');
export let ready = false;
export const port = await new Promise((resolve) => setTimeout(() => resolve(8080), 20));
ready = true;
console.log('config.mjs done');
