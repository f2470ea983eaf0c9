// TypeScript: static async factory, generic async methods, async getters via promises.
export {};
interface Repo<T> {
  get(id: number): Promise<T | undefined>;
}
class MemoryRepo<T> implements Repo<T> {
  private items = new Map<number, T>();
  static async of<U>(entries: [number, U][]): Promise<MemoryRepo<U>> {
    const repo = new MemoryRepo<U>();
    for (const [k, v] of entries) {
      await null;
      repo.items.set(k, v);
    }
    return repo;
  }
  async get(id: number): Promise<T | undefined> {
    await null;
    return this.items.get(id);
  }
  get size(): Promise<number> {
    return Promise.resolve(this.items.size);
  }
}
(async () => {
  const repo = await MemoryRepo.of<string>([[1, 'one'], [2, 'two']]);
  console.log('size', await repo.size);
  console.log('get 2', await repo.get(2));
  console.log('get 3', await repo.get(3));
})();
