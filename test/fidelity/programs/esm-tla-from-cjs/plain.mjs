import { prefix } from './prefix.mjs';
console.log('plain.mjs runs');
export const label = `${prefix}-plain`;
