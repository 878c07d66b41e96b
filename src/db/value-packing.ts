/**
 * A chunk's values in a few flat parts. Chromium's cost to store a value grows with its serialised
 * bytes more than with its object count: a county's values as they are were 46 of its 74 MB (each
 * string written out every time it occurs: a parcel's code three times, the layer id, the dates and
 * the category words in every record). Here each distinct string is written once per chunk (mostly:
 * see packValues), numbers go into one Float64Array, and one small number per value says which:
 * 22 MB, and issuing the import's puts took 0.60–0.75 s instead of 0.95–1.06 s in Chromium (100k
 * parcels). Used by chunk-codec.ts for the values of its packed objects.
 */
export interface PackedValues {
  /**
   * Per value, in order: for a string, its number in `words`; the array type's largest value
   * (0xffff, 0xffffffff) for the next of `numbers`, one less for the next of `others`. A
   * Uint32Array only for a chunk of more than 65,533 distinct strings.
   */
  refs: Uint16Array | Uint32Array;
  words: string[];
  numbers: Float64Array;
  /** The values that are neither strings nor numbers (null, undefined, booleans, arrays…), in order. */
  others: unknown[];
}

/** How many fields per record packValues follows one by one (see there). */
const COLUMNS = 256;
/** Records packValues watches a field for before it decides how to take its strings. */
const TRIAL = 32;
/** How packValues takes a field's strings (see there). */
const ON_TRIAL = 0;
const REPEATS = 1;
const UNIQUE = 2;
const LOOKED_UP = 3;

/** Work space of packValues, kept from one chunk to the next (see there). */
let scratchRefs = new Uint32Array(0);
let scratchNumbers = new Float64Array(0);

/**
 * Packs a chunk's values (PackedValues), given where each record's values start and where the
 * last one's end (`starts` has one entry more than there are records; `values` may run on). One tight pass
 * over values collected in a plain array: in Chromium a call per value, or typed arrays allocated
 * per chunk, cost as much as the packing itself (each large allocation brings garbage collection
 * forward in a heap holding a county), so the work arrays are kept and only the results allocated.
 *
 * Looking a string up in a map hashes it, and most strings are fresh from the reader: hashing a
 * county's was ~0.2 s in Chromium. So each field (by its place among its record's values) is
 * watched for TRIAL records, with every string looked up, and then taken one of three ways:
 * - REPEATS, a field whose string is often its previous record's (layer id, category, dates, land
 *   use: the DBF reader and the import hand the same string object on): compared with that one
 *   first, looked up when it differs;
 * - UNIQUE, a field whose strings were new to the chunk in three trial records of four (codes,
 *   owners, addresses): never looked up. It is compared with the one earlier field of the same
 *   record that held the same string during the trial, if one did most of the time (a parcel's
 *   code in its facts, a copy of the code in another attribute), and otherwise written as a new
 *   word;
 * - any other field (a few words in turn: land-use names, towns): looked up.
 * A string may then be written twice in a chunk (a unique field's value that another field also
 * holds elsewhere); it is read back the same.
 */
export function packValues(values: readonly unknown[], starts: Int32Array): PackedValues {
  // The values end where the last record's do: `values` may be a longer work array (chunk-codec).
  const n = starts.length > 0 ? (starts[starts.length - 1] as number) : 0;
  if (scratchRefs.length < n) {
    scratchRefs = new Uint32Array(n);
    scratchNumbers = new Float64Array(n);
  }
  const refs = scratchRefs;
  const numbers = scratchNumbers;
  const numbering = new Map<string, number>();
  const words: string[] = [];
  const others: unknown[] = [];
  let numberCount = 0;
  // Per field: how its strings are taken; its last string and that string's number; the trial's
  // count of strings, of repeats, of times the partner (an earlier field of the same record, the
  // first seen holding the same string; -1: none yet) held the same string, and of strings new to
  // the chunk or the partner's.
  const mode = new Uint8Array(COLUMNS);
  const lastWord: unknown[] = new Array(COLUMNS).fill(undefined);
  const lastRef = new Uint32Array(COLUMNS);
  const tried = new Int32Array(COLUMNS);
  const repeats = new Int32Array(COLUMNS);
  const partner = new Int32Array(COLUMNS).fill(-1);
  const agreed = new Int32Array(COLUMNS);
  const novel = new Int32Array(COLUMNS);
  for (let item = 0; item + 1 < starts.length; item++) {
    const start = starts[item] as number;
    const end = starts[item + 1] as number;
    for (let k = start; k < end; k++) {
      const value = values[k];
      if (typeof value === 'string') {
        const column = k - start;
        const m = column < COLUMNS ? (mode[column] as number) : LOOKED_UP;
        if (m === UNIQUE) {
          const p = partner[column] as number;
          if (p >= 0 && values[start + p] === value) refs[k] = refs[start + p] as number;
          else {
            refs[k] = words.length;
            words.push(value);
          }
          continue;
        }
        if (m !== LOOKED_UP && lastWord[column] === value) {
          refs[k] = lastRef[column] as number;
          if (m === ON_TRIAL) {
            repeats[column] = (repeats[column] as number) + 1;
            tried[column] = (tried[column] as number) + 1;
            if (tried[column] === TRIAL) mode[column] = REPEATS;
          }
          continue;
        }
        let word = numbering.get(value);
        const fresh = word === undefined;
        if (word === undefined) {
          word = words.length;
          numbering.set(value, word);
          words.push(value);
        }
        refs[k] = word;
        if (m === LOOKED_UP) continue;
        lastWord[column] = value;
        lastRef[column] = word;
        if (m === ON_TRIAL) {
          let p = partner[column] as number;
          if (p < 0 && !fresh)
            for (let q = 0; q < column; q++)
              if (refs[start + q] === word) {
                p = q;
                partner[column] = q;
                break;
              }
          const agrees = p >= 0 && refs[start + p] === word;
          if (agrees) agreed[column] = (agreed[column] as number) + 1;
          if (fresh || agrees) novel[column] = (novel[column] as number) + 1;
          const t = (tried[column] as number) + 1;
          tried[column] = t;
          if (t === TRIAL) {
            mode[column] =
              (repeats[column] as number) * 4 >= TRIAL
                ? REPEATS
                : (novel[column] as number) * 4 >= 3 * TRIAL
                  ? UNIQUE
                  : LOOKED_UP;
            if ((agreed[column] as number) * 2 < TRIAL) partner[column] = -1;
          }
        }
      } else if (typeof value === 'number') {
        refs[k] = 0xffffffff;
        numbers[numberCount++] = value;
      } else {
        refs[k] = 0xfffffffe;
        others.push(value);
      }
    }
  }
  let packed: Uint16Array | Uint32Array;
  if (words.length < 0xfffe) {
    packed = new Uint16Array(n);
    for (let i = 0; i < n; i++) {
      const ref = refs[i] as number;
      packed[i] = ref < 0xfffffffe ? ref : ref - 0xffff0000;
    }
  } else packed = refs.slice(0, n);
  return { refs: packed, words, numbers: numbers.slice(0, numberCount), others };
}

/** A chunk's values, in order, from either stored form. */
export function valuesOf(values: PackedValues | unknown[]): unknown[] {
  if (Array.isArray(values)) return values;
  const { refs, words, numbers, others } = values;
  const numberRef = refs instanceof Uint16Array ? 0xffff : 0xffffffff;
  const out: unknown[] = new Array(refs.length);
  let number = 0;
  let other = 0;
  for (let i = 0; i < refs.length; i++) {
    const ref = refs[i] as number;
    out[i] = ref < numberRef - 1 ? words[ref] : ref === numberRef ? numbers[number++] : others[other++];
  }
  return out;
}
