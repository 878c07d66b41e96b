import { numbering } from '../shared/numbering';
import {
  isPlainArray,
  isPlainObject,
  objectTemplate,
  type SmallInts,
  signature,
  smallInts,
} from './plain-values';

/**
 * Overlay checks of a chunk's parcels. A county with its 三区三线 has several checks per parcel,
 * each an object repeating its keys and the same few words (role, verdict, reason): stored as they
 * are they were a third of the chunk's bytes. Here: each check's shape number, its string values
 * as numbers into a word list, its other values in order.
 */
export interface PackedChecks {
  /** Per parcel: its number of checks; -1 for a parcel without an `overlay` key. */
  counts: SmallInts;
  shapes: string[][];
  /** Per check: its shape number. */
  which: SmallInts;
  words: string[];
  /** Per value of every check, in order: its number in `words`, or -1 when it is in `values`. */
  refs: SmallInts;
  /** The checks' values that are not strings, in order. */
  values: unknown[];
}

export const CHECKS_KEY = 'overlay';

/** Places of a parcel's checks (check number × value number) whose last word packChecks keeps. */
const CHECK_PLACES = 64;
const NO_WORD = Symbol('no word yet');

/** The chunk's overlay checks packed, or null when one of them does not fit (they stay values). */
export function packChecks(items: readonly Record<string, unknown>[]): PackedChecks | null {
  const counts = new Int32Array(items.length);
  let mostChecks = 0;
  const shapes = numbering<string[]>(signature);
  const which: number[] = [];
  const words = numbering();
  const refs: number[] = [];
  const values: unknown[] = [];
  // The shapes last seen, by key count: a parcel's checks repeat a few shapes, and comparing keys
  // (interned strings) is cheaper than building each check's signature.
  const recent = new Map<number, { keys: string[]; id: number }>();
  const shapeOf = (keys: string[]): number => {
    const last = recent.get(keys.length);
    if (last) {
      let i = 0;
      while (i < keys.length && last.keys[i] === keys[i]) i++;
      if (i === keys.length) return last.id;
    }
    const id = shapes.of(keys);
    recent.set(keys.length, { keys: shapes.values[id] as string[], id });
    return id;
  };
  // The word last written at each place (the check's number in its parcel, the value's in its
  // check): parcels list their checks' roles in the same order and mostly the same verdicts and
  // reasons, so a word is compared with that one before it is looked up (~300k checks a county).
  const lastWords: unknown[] = new Array(CHECK_PLACES).fill(NO_WORD);
  const lastRefs = new Int32Array(CHECK_PLACES);
  for (let i = 0; i < items.length; i++) {
    const item = items[i] as Record<string, unknown>;
    if (!(CHECKS_KEY in item)) {
      counts[i] = -1;
      continue;
    }
    const checks = item[CHECKS_KEY];
    if (!isPlainArray(checks)) return null;
    counts[i] = checks.length;
    if (checks.length > mostChecks) mostChecks = checks.length;
    for (let c = 0; c < checks.length; c++) {
      const check = checks[c];
      if (!isPlainObject(check)) return null;
      which.push(shapeOf(Object.keys(check)));
      // Object.values reads them in the keys' order, in one call.
      const own = Object.values(check);
      for (let k = 0; k < own.length; k++) {
        const value = own[k];
        if (typeof value !== 'string') {
          refs.push(-1);
          values.push(value);
          continue;
        }
        const place = c < 8 && k < 8 ? c * 8 + k : -1;
        if (place >= 0 && lastWords[place] === value) {
          refs.push(lastRefs[place] as number);
          continue;
        }
        const word = words.of(value);
        refs.push(word);
        if (place >= 0) {
          lastWords[place] = value;
          lastRefs[place] = word;
        }
      }
    }
  }
  return {
    counts: smallInts(counts, mostChecks),
    shapes: shapes.values,
    which: smallInts(which, shapes.values.length - 1),
    words: words.values,
    refs: smallInts(refs, words.values.length - 1),
    values,
  };
}

/** How chunk-codec's unpackObjects rebuilds the `overlay` of item i from a chunk's packed checks (none: undefined). */
export function liftedChecks(
  packed: PackedChecks | undefined,
): { key: string; value: (item: number) => unknown } | undefined {
  if (!packed) return undefined;
  const { counts, shapes, which, words, refs, values } = packed;
  // Copied from one template per shape, as unpackObjects builds objects.
  const templates = shapes.map((keys) => objectTemplate(keys));
  // Items are unpacked in order: the next check and value follow on from the previous item's.
  let check = 0;
  let ref = 0;
  let at = 0;
  return {
    key: CHECKS_KEY,
    value: (item) => {
      const out: Record<string, unknown>[] = new Array(Math.max(0, counts[item] ?? 0));
      for (let c = 0; c < out.length; c++, check++) {
        const shape = which[check] as number;
        const o = { ...templates[shape] };
        for (const k of shapes[shape] as string[]) {
          const word = refs[ref++] as number;
          o[k] = word >= 0 ? words[word] : values[at++];
        }
        out[c] = o;
      }
      return out;
    },
  };
}
