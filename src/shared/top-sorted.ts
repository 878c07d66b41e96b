/**
 * The first `n` items of `items` in the order of `compare`, as `[...items].sort(compare).slice(0, n)`
 * would give them (ties keep their input order), without sorting all of them: a list that shows
 * 100 of 300,000 checks keeps a sorted window of 100 and binary-inserts only what beats its last.
 */
export function topSorted<T>(items: readonly T[], n: number, compare: (a: T, b: T) => number): T[] {
  if (n <= 0) return [];
  if (n * 8 >= items.length) return [...items].sort(compare).slice(0, n);
  const top: T[] = [];
  for (const item of items) {
    if (top.length === n && compare(item, top[n - 1] as T) >= 0) continue;
    // After every equal item already kept, so ties stay in input order (a stable sort's order).
    let lo = 0;
    let hi = top.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compare(item, top[mid] as T) < 0) hi = mid;
      else lo = mid + 1;
    }
    top.splice(lo, 0, item);
    if (top.length > n) top.pop();
  }
  return top;
}
