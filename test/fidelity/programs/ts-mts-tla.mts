// TypeScript ES module (.mts): typed top-level await and ESM tick order.
const log = (s: string): void => console.log(s);
process.nextTick(() => log('nextTick'));
Promise.resolve().then(() => log('promise'));
const value: number = await new Promise<number>((r) => setTimeout(() => r(42), 10));
log(`tla value ${value}`);
interface Point { x: number; y: number }
const points: Point[] = await Promise.all([1, 2].map(async (n): Promise<Point> => ({ x: n, y: n * n })));
log(JSON.stringify(points));
export {};
