/** Deeper than any real GeoJSON (a MultiPolygon in a FeatureCollection is 7); deeper input is hostile. */
export const MAX_DEPTH = 64;

/**
 * Nesting depth of a parsed JSON value (arrays and objects are levels; the root is level 1),
 * walked without recursion and given up at `stopAt`. V8's JSON.parse is iterative, so 50,000-deep
 * arrays parse; what must not meet them is every later recursive walk (a structured clone into a
 * worker or IndexedDB): deeper input is refused as "nested too deeply" right after the parse.
 * Scanning the text for brackets before parsing did the same at ~0.5 s per 100k-parcel file.
 */
export function jsonDepth(root: unknown, stopAt = MAX_DEPTH + 1): number {
  if (root === null || typeof root !== 'object') return 0;
  const values: object[] = [root];
  const depths: number[] = [1];
  let max = 1;
  while (values.length > 0) {
    const value = values.pop() as object;
    const depth = depths.pop() as number;
    if (depth > max) {
      max = depth;
      if (max >= stopAt) return max;
    }
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        const item: unknown = value[i];
        if (item === null || typeof item !== 'object') continue;
        if (Array.isArray(item) && holdsNoObject(item)) {
          // A position (or any flat array): one level more, nothing below it to visit.
          if (depth + 1 > max) {
            max = depth + 1;
            if (max >= stopAt) return max;
          }
          continue;
        }
        values.push(item);
        depths.push(depth + 1);
      }
    } else {
      const record = value as Record<string, unknown>;
      for (const key in record) {
        const item = record[key];
        if (item !== null && typeof item === 'object') {
          values.push(item);
          depths.push(depth + 1);
        }
      }
    }
  }
  return max;
}

function holdsNoObject(array: readonly unknown[]): boolean {
  for (let i = 0; i < array.length; i++) {
    const item = array[i];
    if (item !== null && typeof item === 'object') return false;
  }
  return true;
}
