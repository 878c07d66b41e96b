import { describe, expect, it } from 'vitest';
import { canTransition, nextStatuses, transition } from './lifecycle';
import { STATUSES } from './parcel';

describe('status lifecycle', () => {
  it('walks the forward chain 待核实 → 已认定 → 处置中 → 已处置', () => {
    expect(transition('to-verify', 'confirmed')).toEqual({ ok: true, value: 'confirmed' });
    expect(transition('confirmed', 'disposing')).toEqual({ ok: true, value: 'disposing' });
    expect(transition('disposing', 'disposed')).toEqual({ ok: true, value: 'disposed' });
  });

  it('revokes from every status before 已处置', () => {
    for (const from of ['to-verify', 'confirmed', 'disposing'] as const)
      expect(canTransition(from, 'revoked')).toBe(true);
    expect(canTransition('disposed', 'revoked')).toBe(false);
  });

  it('refuses skipped steps', () => {
    expect(transition('to-verify', 'disposed')).toEqual({
      ok: false,
      error: { code: 'not-allowed', from: 'to-verify', to: 'disposed' },
    });
    expect(canTransition('to-verify', 'disposing')).toBe(false);
    expect(canTransition('confirmed', 'disposed')).toBe(false);
  });

  it('treats 已撤销 as final', () => {
    expect(nextStatuses('revoked')).toEqual([]);
    for (const to of STATUSES) expect(canTransition('revoked', to)).toBe(false);
  });

  it('reopens 已处置 and steps back from 处置中 only with a reason', () => {
    expect(transition('disposed', 'disposing')).toMatchObject({
      ok: false,
      error: { code: 'reason-required' },
    });
    expect(transition('disposed', 'disposing', '  ')).toMatchObject({
      ok: false,
      error: { code: 'reason-required' },
    });
    expect(transition('disposed', 'disposing', '出让合同解除')).toEqual({ ok: true, value: 'disposing' });
    expect(transition('disposing', 'confirmed')).toMatchObject({
      ok: false,
      error: { code: 'reason-required' },
    });
    expect(transition('disposing', 'confirmed', '挂牌流拍')).toEqual({ ok: true, value: 'confirmed' });
  });

  it('reports no change', () => {
    expect(transition('confirmed', 'confirmed')).toMatchObject({ ok: false, error: { code: 'no-change' } });
  });

  it('does not step back to 待核实', () => {
    for (const from of STATUSES)
      if (from !== 'to-verify') expect(canTransition(from, 'to-verify')).toBe(false);
  });
});
