import { a } from './a.mjs';
console.log('c eval after a', a);
await null;
console.log('c after await');
export const c = 'C';
