import { describe, expect, it } from 'vitest';
import { DISPOSAL_METHODS } from './disposal';
import { fillTemplate, LOCALES, label, labels } from './labels';
import {
  CATEGORIES,
  IDLE_CAUSES,
  INEFFICIENT_TYPES,
  LAYER_ROLES,
  OVERLAY_VERDICTS,
  PARK_LEVELS,
  PATROL_FINDINGS,
  PATROL_STAGES,
  RURAL_STOCK_TYPES,
  STATUSES,
} from './parcel';

describe('labels', () => {
  const groups = [
    ['category', CATEGORIES],
    ['status', STATUSES],
    ['idleCause', IDLE_CAUSES],
    ['parkLevel', PARK_LEVELS],
    ['layerRole', LAYER_ROLES],
    ['disposalMethod', DISPOSAL_METHODS],
    ['inefficientType', INEFFICIENT_TYPES],
    ['ruralStockType', RURAL_STOCK_TYPES],
    ['patrolStage', PATROL_STAGES],
    ['patrolFinding', PATROL_FINDINGS],
    ['overlayVerdict', OVERLAY_VERDICTS],
  ] as const;

  it.each(LOCALES)('has a non-empty label for every code in %s', (locale) => {
    for (const [group, codes] of groups) {
      for (const code of codes) expect(label(locale, group, code), `${group}.${code}`).not.toBe('');
    }
  });

  it('gives the Chinese terms of DOMAIN.md', () => {
    expect(label('zh-CN', 'category', 'approved-not-supplied')).toBe('批而未供');
    expect(label('zh-CN', 'status', 'to-verify')).toBe('待核实');
    expect(label('zh-CN', 'overlayVerdict', 'boundary-error')).toBe('边界误差');
    expect(label('zh-CN', 'patrolStage', 'handover')).toBe('交地');
    expect(label('zh-CN', 'patrolFinding', 'breach')).toBe('违约');
    expect(label('zh-CN', 'factField', 'approvalDate')).toBe('批准日期');
    expect(label('en', 'category', 'idle')).toBe('Idle land');
  });

  it('falls back to the code for unknown codes', () => {
    expect(label('en', 'disposalMethod', 'something-old')).toBe('something-old');
  });

  it('keeps the same placeholders in both locales', () => {
    const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const group of ['reason', 'validation', 'transitionError', 'message'] as const) {
      const zh = labels['zh-CN'][group] as Record<string, string>;
      const english = labels.en[group] as Record<string, string>;
      for (const code of Object.keys(zh)) {
        expect(placeholders(english[code] ?? ''), `${group}.${code}`).toEqual(placeholders(zh[code] ?? ''));
      }
    }
  });

  it('fills templates and leaves missing parameters visible', () => {
    expect(fillTemplate('{a} < {b}', { a: 0.8, b: '1.2' })).toBe('0.8 < 1.2');
    expect(fillTemplate('{a} < {b}', { a: 1 })).toBe('1 < {b}');
  });
});
