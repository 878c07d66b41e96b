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

  it('an empty batch stays empty', () => {
    expect(fromTransferableSummaries(toTransferableSummaries([]))).toEqual([]);
  });
});
