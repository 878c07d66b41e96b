import { describe, expect, it } from 'vitest';
import {
  DISPOSAL_METHODS,
  DISPOSAL_METHODS_BY_CATEGORY,
  disposalMethodsFor,
  isDisposalAllowed,
} from './disposal';

describe('disposal methods', () => {
  it('lists the five 批而未供 ways of 003 §4', () => {
    expect(DISPOSAL_METHODS_BY_CATEGORY['approved-not-supplied']).toEqual(
      expect.arrayContaining([
        'supply-transfer',
        'supply-allocation',
        'convert-use',
        'upgrade',
        'withdraw-approval',
      ]),
    );
  });

  it('narrows idle methods by cause', () => {
    expect(disposalMethodsFor('idle', 'enterprise')).toContain('free-recovery');
    expect(disposalMethodsFor('idle', 'government')).not.toContain('free-recovery');
    expect(disposalMethodsFor('idle', 'government')).toContain('negotiated-paid-recovery');
    expect(disposalMethodsFor('idle')).toHaveLength(8);
  });

  it('uses every method code in some category, with unique codes', () => {
    const used = new Set(Object.values(DISPOSAL_METHODS_BY_CATEGORY).flat());
    for (const method of DISPOSAL_METHODS) expect(used.has(method), method).toBe(true);
    expect(new Set(DISPOSAL_METHODS).size).toBe(DISPOSAL_METHODS.length);
  });

  it('checks a method against a category', () => {
    expect(isDisposalAllowed('inefficient', 'judicial-restructuring')).toBe(true);
    expect(isDisposalAllowed('not-stock', 'supply-transfer')).toBe(false);
    expect(isDisposalAllowed('idle', 'nonsense')).toBe(false);
  });
});
