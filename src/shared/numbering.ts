/**
 * Numbers distinct values in the order they are first seen: `of(value)` gives the value's number,
 * `values` the values by number. Values are told apart by `keyOf` (the value itself by default) —
 * e.g. a key list by its keys joined. What packed stores and worker hand-overs use to write a
 * repeated word or shape once.
 */
export function numbering<T = string>(keyOf: (value: T) => string = String) {
  const values: T[] = [];
  const numbers = new Map<string, number>();
  return {
    values,
    of(value: T): number {
      const key = keyOf(value);
      let n = numbers.get(key);
      if (n === undefined) {
        n = values.length;
        values.push(value);
        numbers.set(key, n);
      }
      return n;
    },
  };
}
