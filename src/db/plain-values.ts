/**
 * What the packed stored forms (chunk-codec.ts, check-packing.ts) take as plain data, and the small
 * pieces both build it with: which objects and arrays a structured clone sees as nothing more than
 * their own keys, key lists told apart, objects rebuilt from key lists, numbers in narrow arrays.
 */

/** Prototypes seen to add nothing a structured clone would keep (see isPlainObject). */
const barePrototypes = new WeakSet<object>();

/**
 * An object whose structured clone is just its own enumerable keys: a literal, a null-prototype
 * object, or an instance whose prototype chain holds nothing at all before Object.prototype or null
 * (the DBF reader's rows: an empty frozen prototype keeps them in fast mode). Arrays, Maps, Dates,
 * class instances with methods and the like are not.
 */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  let proto: object | null = Object.getPrototypeOf(value);
  while (proto !== null && proto !== Object.prototype) {
    if (!barePrototypes.has(proto)) {
      if (Reflect.ownKeys(proto).length > 0) return false;
      barePrototypes.add(proto);
    }
    proto = Object.getPrototypeOf(proto);
  }
  return Object.prototype.toString.call(value) === '[object Object]';
}

/** A plain array: its own keys are its indices (no holes, nothing added) and its prototype Array's. */
export function isPlainArray(value: unknown): value is unknown[] {
  return (
    Array.isArray(value) &&
    Object.getPrototypeOf(value) === Array.prototype &&
    Object.keys(value).length === value.length
  );
}

/**
 * A key list as one string that no other key list gives (each key prefixed by its length: a
 * hostile GeoJSON key may hold any character, U+0000 too, so a plain join could make two shapes one).
 */
export const signature = (keys: readonly string[]): string => keys.map((k) => `${k.length}:${k}`).join('');

/**
 * An object with these keys, in order, all undefined: what unpacked objects are copied from. Keys
 * are assigned in order, so templates stay fast objects; only a '__proto__' key (a hostile DBF field
 * name) is defined, so that it becomes an own key as a structured clone makes it, and later
 * assignments then set that key.
 */
export function objectTemplate(
  keys: readonly string[],
  leaveOut?: ReadonlySet<string>,
): Record<string, unknown> {
  const t: Record<string, unknown> = {};
  for (const k of keys) {
    if (leaveOut?.has(k)) continue;
    if (k === '__proto__')
      Object.defineProperty(t, k, { value: undefined, writable: true, enumerable: true, configurable: true });
    else t[k] = undefined;
  }
  return t;
}

/**
 * Numbers from -1 up (shape numbers, word numbers, counts) in the narrowest array that holds them
 * (chunks packed before hold Int32Arrays). A chunk has a handful of shapes and check words, so a
 * byte each instead of four: a 100k county's chunks serialise to 48.1 MiB instead of 53.8, bytes
 * IndexedDB serialises, compresses and writes on the importing thread.
 */
export type SmallInts = Int8Array | Int16Array | Int32Array;
export function smallInts(values: ArrayLike<number>, largest: number): SmallInts {
  return largest < 0x80
    ? Int8Array.from(values)
    : largest < 0x8000
      ? Int16Array.from(values)
      : Int32Array.from(values);
}
