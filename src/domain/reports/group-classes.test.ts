import { describe, expect, it } from 'vitest';
import type { OverlayCheck } from '../parcel';
import { assignGroupClasses } from './group-classes';
import type { ReportRecord } from './statistics-report';

const record = (seq: number, areaM2: number, patch: Partial<ReportRecord> = {}): ReportRecord => ({
  id: `l#${seq}`,
  layerId: 'l',
  source: { properties: {} },
  areaM2,
  facts: {},
  category: 'idle',
  status: 'confirmed',
  version: 1,
  updatedAt: '2026-01-01T00:00:00.000Z',
  updatedBy: 't',
  ...patch,
});

const check = (role: OverlayCheck['role'], verdict: string): OverlayCheck => ({ role, verdict, insideM2: 1 });

describe('assignGroupClasses', () => {
  it('gives each status its class, largest area first, and every parcel its own status', () => {
    const records = [
      record(0, 10, { status: 'confirmed' }),
      record(1, 300, { status: 'disposing' }),
      record(2, 20, { status: 'confirmed' }),
      record(3, 5, { status: 'to-verify' }),
    ];
    const result = assignGroupClasses(records, 'status');
    expect(result.classes.map((c) => [c.key, c.count, c.areaM2])).toEqual([
      ['disposing', 1, 300],
      ['confirmed', 2, 30],
      ['to-verify', 1, 5],
    ]);
    expect(result.ids).toEqual(['l#0', 'l#1', 'l#2', 'l#3']);
    expect([...result.index]).toEqual([1, 0, 1, 2]);
  });

  it('puts the groups beyond the palette into one "other" class; counts add up to all parcels', () => {
    // 15 townships (areas 15 … 1) and 'not set' (100): 'not set' and T0…T9 keep a class, T10…T14 share "other".
    const records = Array.from({ length: 15 }, (_, i) => record(i, 15 - i, { facts: { township: `T${i}` } }));
    records.push(record(15, 100, { facts: {} }));
    const result = assignGroupClasses(records, 'township', 12);
    expect(result.classes).toHaveLength(12);
    const other = result.classes[11];
    expect(other).toMatchObject({ other: true, count: 5, areaM2: 5 + 4 + 3 + 2 + 1 });
    expect(result.classes[0]).toMatchObject({ key: '', other: false, count: 1, areaM2: 100 });
    expect(result.classes.reduce((sum, c) => sum + c.count, 0)).toBe(records.length);
    for (let i = 0; i < records.length; i++) {
      const cls = result.classes[result.index[i] ?? -1];
      const township = records[i]?.facts.township ?? '';
      if (cls?.other) expect(['T10', 'T11', 'T12', 'T13', 'T14']).toContain(township);
      else expect(cls?.key).toBe(township);
    }
  });

  it('exactly twelve groups need no "other" class', () => {
    const records = Array.from({ length: 12 }, (_, i) => record(i, 1 + i, { facts: { township: `T${i}` } }));
    const result = assignGroupClasses(records, 'township', 12);
    expect(result.classes.some((c) => c.other)).toBe(false);
    expect(new Set(result.index).size).toBe(12);
  });

  it('a parcel in two conflict groups takes the larger group, counted once', () => {
    const records = [
      record(0, 50, { overlay: [check('permanent-farmland', 'conflict')] }),
      record(1, 40, {
        overlay: [check('permanent-farmland', 'conflict'), check('ecological-redline', 'conflict')],
      }),
      record(2, 200, { overlay: [check('ecological-redline', 'conflict')] }),
      record(3, 7, { overlay: [] }),
    ];
    const result = assignGroupClasses(records, 'conflict');
    const keys = result.classes.map((c) => c.key);
    // By the statistics' areas: red line 240, farmland 90, none 7.
    expect(keys).toEqual(['ecological-redline:conflict', 'permanent-farmland:conflict', 'none']);
    expect([...result.index]).toEqual([1, 0, 0, 2]);
    expect(result.classes.map((c) => c.count)).toEqual([2, 1, 1]);
  });
});
