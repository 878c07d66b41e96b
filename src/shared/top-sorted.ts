/**
 * The first `n` items offered, in the order of `compare`, as a stable sort of all of them would
 * give them (ties keep the order they were offered in), without keeping or sorting the rest: a
 * list that shows 100 of 300,000 checks keeps a sorted window of 100 and binary-inserts only what
 * beats its last. `copy` is called only for an item that enters the window, so a caller can offer
 * one scratch object, refilled for each candidate, and allocate nothing for the items passed over.
 */
export class TopWindow<T> {
  readonly items: T[] = [];

  constructor(
    private readonly n: number,
    private readonly compare: (a: T, b: T) => number,
    private readonly copy: (item: T) => T = (item) => item,
  ) {}

  offer(item: T): void {
    const top = this.items;
    const n = this.n;
    if (n <= 0 || (top.length === n && this.compare(item, top[n - 1] as T) >= 0)) return;
    // After every equal item already kept, so ties stay in the order offered (a stable sort's order).
    let lo = 0;
    let hi = top.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.compare(item, top[mid] as T) < 0) hi = mid;
      else lo = mid + 1;
    }
    top.splice(lo, 0, this.copy(item));
    if (top.length > n) top.pop();
  }
}
