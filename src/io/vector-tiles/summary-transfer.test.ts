import { describe, expect, it } from 'vitest';
import { CATEGORIES, STATUSES } from '../../domain/parcel';
import type { ParcelSummary } from '../../domain/parcel-summary';
import {
  fromTransferableSummaries,
  summariesTransferList,
  toTransferableSummaries,
} from './summary-transfer';

function summaries(count: number): ParcelSummary[] {
  const roles = ['permanent-farmland', 'ecological-redline', 'development-boundary', 'park'] as const;
  const verdicts = ['conflict', 'boundary-error', 'outside', 'failed'];
  return Array.from({ length: count }, (_, i) => ({
    id: `L${i % 3}#${i}`,
    mapId: i === 9 ? 2 ** 40 + 3 : i * 4 + (i % 3),
    layerId: `L${i % 3}`,
    code: i % 5 === 0 ? '' : `450302${i}宗地`,
    category: CATEGORIES[i % CATEGORIES.length] as ParcelSummary['category'],
    status: STATUSES[i % STATUSES.length] as ParcelSummary['status'],
    areaM2: i === 7 ? -0 : i * 12.345678901234567,
    conflict: i % 2 === 0,
    outside: i % 3 === 0,
    issues: Array.from({ length: i % 4 }, (_, j) => ({
      role: roles[(i + j) % roles.length] as ParcelSummary['issues'][number]['role'],
      verdict: verdicts[(i * j) % verdicts.length] as string,
      insideM2: (i + 1) * (j + 0.1),
    })),
  }));
}

describe('summary hand-over from the map worker', () => {
  it('gives back every summary as it was: ids, codes, words, flags, numbers and issues', () => {
    const batch = summaries(2_000);
    const back = fromTransferableSummaries(structuredClone(toTransferableSummaries(batch)));
    expect(back).toEqual(batch);
    expect(Object.is(back[7]?.areaM2, -0)).toBe(true);
    expect(back[9]?.mapId).toBe(2 ** 40 + 3);
  });

  it('moves its typed arrays instead of copying them', () => {
    const packed = toTransferableSummaries(summaries(10));
    const list = summariesTransferList(packed);
    expect(list).toHaveLength(10);
    structuredClone(packed, { transfer: list });
    expect(packed.areaM2.length).toBe(0);
  });

  it('shares one frozen list among parcels with the same issues and nothing inside, and no other', () => {
    const base = summaries(1)[0] as ParcelSummary;
    const outside = { role: 'development-boundary' as const, verdict: 'outside', insideM2: 0 };
    const farmland = { role: 'permanent-farmland' as const, verdict: 'conflict', insideM2: 12.5 };
    const lists = [
      [],
      [outside],
      [],
      [outside],
      [outside, farmland],
      [outside, farmland],
      [{ ...outside, insideM2: -0 }],
    ];
    const batch = lists.map((issues, i) => ({ ...base, id: `L0#${i}`, issues }));
    const back = fromTransferableSummaries(structuredClone(toTransferableSummaries(batch)));
    expect(back).toEqual(batch);
    const issues = back.map((s) => s.issues);
    expect(issues[0]).toBe(issues[2]);
    expect(issues[1]).toBe(issues[3]);
    // A list with an area inside is each parcel's own, and so is one with −0 m² (kept exactly).
    expect(issues[4]).not.toBe(issues[5]);
    expect(issues[6]).not.toBe(issues[1]);
    expect(Object.is(issues[6]?.[0]?.insideM2, -0)).toBe(true);
    // A shared list cannot be changed through one parcel.
    expect(Object.isFrozen(issues[1])).toBe(true);
    expect(Object.isFrozen(issues[1]?.[0])).toBe(true);
    expect(() => (issues[0] as unknown[]).push(outside)).toThrow(TypeError);
    expect(Object.isFrozen(issues[4])).toBe(false);
  });

  it('an empty batch stays empty', () => {
    expect(fromTransferableSummaries(toTransferableSummaries([]))).toEqual([]);
  });
});
