// TypeScript: a generic concurrency-limited pool over async tasks with timers.
export {};
type Task<T> = () => Promise<T>;
async function pool<T>(tasks: Task<T>[], limit: number): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  async function worker(id: number): Promise<void> {
    while (next < tasks.length) {
      const i = next++;
      console.log(`worker ${id} takes task ${i}`);
      results[i] = await tasks[i]();
    }
  }
  await Promise.all(Array.from({ length: limit }, (_, id) => worker(id)));
  return results;
}
const sleep = <T,>(ms: number, v: T): Promise<T> => new Promise((r) => setTimeout(() => r(v), ms));
pool([() => sleep(50, 'a'), () => sleep(10, 'b'), () => sleep(10, 'c'), () => sleep(100, 'd')], 2).then((r) =>
  console.log(`results ${r.join('')}`),
);
