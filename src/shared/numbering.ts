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

/**
 * Numbers for repeated words (layer ids, categories, statuses, roles, verdicts) handed between
 * workers in Uint16Arrays: throws past 65,535 distinct words.
 */
export function wordNumbers() {
  const words = numbering();
  return {
    words: words.values,
    of(word: string): number {
      const n = words.of(word);
      if (n >= 0xffff) throw new Error('Too many distinct words to hand over');
      return n;
    },
  };
}
