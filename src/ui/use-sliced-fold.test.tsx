// @vitest-environment jsdom
import { act, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type Fold, useSlicedFold } from './use-sliced-fold';

/** The clock performance.now reads in these tests. */
let now = 0;

/** Sums the values; each step moves the clock on by 1 ms, so a slice ends after 256 items. */
function slowSum(log: number[]): Fold<number, { sum: number; n: number }, { sum: number; n: number }> {
  return {
    start: () => ({ sum: 0, n: 0 }),
    step: (acc, item) => {
      acc.sum += item;
      acc.n++;
      log.push(item);
      now += 1;
    },
    end: (acc) => ({ ...acc }),
  };
}

describe('useSlicedFold', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    vi.spyOn(performance, 'now').mockImplementation(() => now);
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  it('folds a large source in several tasks and then gives the whole result', () => {
    const source = Array.from({ length: 1000 }, (_, i) => i + 1);
    const log: number[] = [];
    const fold = slowSum(log);
    const { result } = renderHook(() => useSlicedFold(source, fold));
    // Nothing is folded in the task that committed the render: the first slice has a task of its own.
    expect(log).toEqual([]);
    act(() => {
      vi.advanceTimersToNextTimer();
    });
    // The first slice: some items, not all, and no result yet.
    expect(log.length).toBeGreaterThan(0);
    expect(log.length).toBeLessThan(1000);
    expect(result.current).toBeUndefined();
    const slices: number[] = [log.length];
    while (log.length < 1000) {
      const before = log.length;
      act(() => {
        vi.advanceTimersToNextTimer();
      });
      slices.push(log.length - before);
    }
    expect(slices.length).toBeGreaterThanOrEqual(4);
    expect(result.current).toEqual({ sum: 500500, n: 1000 });
  });

  it('a new source abandons the fold in progress; only whole results are shown', () => {
    const log: number[] = [];
    const fold = slowSum(log);
    const seen: unknown[] = [];
    const first = Array.from({ length: 600 }, () => 1);
    const second = Array.from({ length: 700 }, () => 2);
    const { result, rerender } = renderHook(
      ({ source }) => {
        const value = useSlicedFold(source, fold);
        seen.push(value);
        return value;
      },
      { initialProps: { source: first } },
    );
    rerender({ source: second });
    act(() => {
      vi.runAllTimers();
    });
    expect(result.current).toEqual({ sum: 1400, n: 700 });
    expect(seen.filter((v) => v !== undefined)).toEqual(
      seen.filter((v) => v !== undefined).map(() => ({ sum: 1400, n: 700 })),
    );
    // The first fold stopped after its first slice: fewer than its 600 items were visited.
    expect(log.filter((v) => v === 1).length).toBeLessThan(600);
  });

  it('a small source is folded at once, and a Map is folded over its values', () => {
    const log: number[] = [];
    const fold: Fold<number, number[], number[]> = {
      start: () => [],
      step: (acc, item) => {
        acc.push(item);
        log.push(item);
      },
      end: (acc) => acc,
    };
    const source = new Map([
      ['a', 3],
      ['b', 5],
    ]);
    const { result } = renderHook(() => useSlicedFold(source, fold));
    expect(result.current).toEqual([3, 5]);
    expect(log).toEqual([3, 5]);
  });
});
