import { describe, expect, it } from 'vitest';
import { errorsByField, formatFieldError, validateParcelEdit } from './validation';

const edit = (facts: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  validateParcelEdit({ facts, areaM2: 10_000, ...extra } as Parameters<typeof validateParcelEdit>[0]);
const codes = (facts: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  edit(facts, extra).map((error) => `${error.field}:${error.code}`);

describe('validateParcelEdit', () => {
  it('accepts an empty and a consistent record', () => {
    expect(edit({})).toEqual([]);
    expect(
      edit({
        approvalDate: '2020-01-01',
        supplyDate: '2020-01-01',
        agreedStartDate: '2020-06-01',
        actualStartDate: '2020-07-01',
        stopDate: '2020-07-01',
        completionDate: '2021-07-01',
        approvedAreaM2: 10_000,
        suppliedAreaM2: 10_000,
        totalInvestment: 100,
        investedAmount: 100,
        developedAreaM2: 10_000,
        floorAreaRatio: 20,
        floors: 3,
      }),
    ).toEqual([]);
  });

  it('keeps dates in order: 批准 ≤ 供地 ≤ 约定动工; 实际动工 ≤ 竣工; 停工 ≥ 实际动工', () => {
    expect(codes({ approvalDate: '2020-02-01', supplyDate: '2020-01-31' })).toEqual([
      'supplyDate:date-before',
    ]);
    expect(codes({ supplyDate: '2020-02-01', agreedStartDate: '2020-01-31' })).toEqual([
      'agreedStartDate:date-before',
    ]);
    expect(codes({ actualStartDate: '2020-02-01', completionDate: '2020-01-31' })).toEqual([
      'completionDate:date-before',
    ]);
    expect(codes({ actualStartDate: '2020-02-01', stopDate: '2020-01-31' })).toEqual([
      'stopDate:date-before',
    ]);
  });

  it('rejects impossible dates and non-numbers', () => {
    expect(codes({ approvalDate: '2023-02-29' })).toEqual(['approvalDate:not-a-date']);
    expect(codes({ totalInvestment: '12万' })).toEqual(['totalInvestment:not-a-number']);
    expect(codes({ floors: Number.NaN })).toEqual(['floors:not-a-number']);
  });

  it('rejects negative amounts', () => {
    expect(codes({ approvedAreaM2: -1, investedAmount: -5 })).toEqual([
      'approvedAreaM2:negative',
      'investedAmount:negative',
    ]);
  });

  it('caps shares at 100 %: 已投资 ≤ 总投资, 已供 ≤ 批准, 已开发 ≤ parcel area', () => {
    expect(codes({ totalInvestment: 100, investedAmount: 100.01 })).toEqual(['investedAmount:exceeds']);
    expect(codes({ approvedAreaM2: 100, suppliedAreaM2: 101 })).toEqual(['suppliedAreaM2:exceeds']);
    expect(codes({ developedAreaM2: 10_001 })).toEqual(['developedAreaM2:exceeds']);
    expect(codes({ adminFacilityAreaM2: 10_001 })).toEqual(['adminFacilityAreaM2:exceeds']);
  });

  it('keeps FAR within 0–20 and storeys whole', () => {
    expect(codes({ floorAreaRatio: 20.5 })).toEqual(['floorAreaRatio:out-of-range']);
    expect(codes({ floorAreaRatio: -0.1 })).toEqual(['floorAreaRatio:negative']);
    expect(codes({ floors: 2.5 })).toEqual(['floors:not-an-integer']);
  });

  it('checks codes and the disposal method against the category', () => {
    expect(codes({ parkLevel: 'county' })).toEqual(['parkLevel:unknown-code']);
    expect(codes({}, { category: 'idle', disposal: { method: 'supply-transfer' } })).toEqual([
      'disposalMethod:disposal-not-allowed',
    ]);
    expect(
      codes({}, { category: 'idle', disposal: { method: 'free-recovery', date: '2024-13-01' } }),
    ).toEqual(['disposalDate:not-a-date']);
  });

  it('renders messages in both languages', () => {
    const [error] = edit({ approvalDate: '2023-05-01', supplyDate: '2023-04-30' });
    if (error === undefined) throw new Error('expected an error');
    expect(formatFieldError(error, 'zh-CN')).toBe('供地日期不能早于批准日期（2023-05-01）');
    expect(formatFieldError(error, 'en')).toBe('supply date cannot be before approval date (2023-05-01)');
    const [disposal] = edit({}, { category: 'idle', disposal: { method: 'supply-transfer' } });
    if (disposal === undefined) throw new Error('expected an error');
    expect(formatFieldError(disposal, 'zh-CN')).toBe('处置方式“出让”不适用于闲置土地');
    expect(errorsByField([error, disposal])).toEqual({ supplyDate: error, disposalMethod: disposal });
  });
});
