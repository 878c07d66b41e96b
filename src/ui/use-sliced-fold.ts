import { useEffect, useState } from 'react';

/** A fold over a collection: a fresh accumulator, a step per item, and the result. */
export interface Fold<T, A, R> {
  start(): A;
  step(acc: A, item: T): void;
  end(acc: A): R;
}

/** UI-thread time one slice may take before it yields (ms). */
const SLICE_MS = 8;
/** Items between two looks at the clock. */
const CHECK_EVERY = 256;

/** The number of items of a Map, a Set or an array; undefined for another iterable. */
function sizeOf(source: object): number | undefined {
  if (source instanceof Map || source instanceof Set) return source.size;
  return Array.isArray(source) ? source.length : undefined;
}

/**
 * Runs `fold` over the values of `source` (a Map, an array) in slices of about 8 ms of the UI
 * thread, each in a task of its own (the first too, unless the source has at most 256 items), and
 * returns the last result that finished (undefined before the first). A county's 100,000
 * parcels with 300,000 checks took one 100–180 ms task when folded in a render; sliced, no task
 * holds the thread long enough to delay an input or a frame by more than a slice. A new `source`
 * or `fold` (memoise it on what it reads) abandons the run in progress and starts again; the
 * result shown meanwhile is the previous one. `source` must not change while it is folded (the
 * store replaces its maps rather than changing them).
 */
export function useSlicedFold<T, A, R>(
  source: { values(): Iterator<T> },
  fold: Fold<T, A, R>,
): R | undefined {
  const [result, setResult] = useState<{ value: R } | undefined>(undefined);
  useEffect(() => {
    let abandoned = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const items = source.values();
    const acc = fold.start();
    const slice = (): void => {
      timer = undefined;
      if (abandoned) return;
      const until = performance.now() + SLICE_MS;
      for (let n = 1; ; n++) {
        const next = items.next();
        if (next.done) {
          setResult({ value: fold.end(acc) });
          return;
        }
        fold.step(acc, next.value);
        if (n % CHECK_EVERY === 0 && performance.now() > until) break;
      }
      timer = setTimeout(slice, 0);
    };
    // A small source is folded at once. A large one starts in a task of its own: the effect runs in
    // the task that commits the render, which for a county's arrival in the store also renders the
    // panels and rebuilds the map's sources (84 ms at 10k parcels in a trace, 11 of them this slice).
    const size = sizeOf(source);
    if (size !== undefined && size > CHECK_EVERY) timer = setTimeout(slice, 0);
    else slice();
    return () => {
      abandoned = true;
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [source, fold]);
  return result?.value;
}
