import { plain } from './plain.mjs';
console.log('lazy starts, plain is', plain);
await new Promise((resolve) => setTimeout(resolve, 20));
export const value = 42;
console.log('lazy done');
