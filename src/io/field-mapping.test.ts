import { describe, expect, it } from 'vitest';
import { guessFieldMapping, guessRole, mapFields, normalizeDate } from './field-mapping';

describe('field mapping', () => {
  it('guesses common Chinese field names', () => {
    const m = guessFieldMapping([
      'BSM',
      'DLBM',
      'DLMC',
      'TBMJ',
      'ZLDWMC',
      '批准文号',
      '批准日期',
      '供地日期',
      '约定动工日期',
      '实际动工日期',
      '总投资',
      '已投资',
      '容积率',
      '园区级别',
    ]);
    expect(m).toEqual({
      code: 'BSM',
      location: 'ZLDWMC',
      landUse: 'DLMC',
      landUseCode: 'DLBM',
      approvalNumber: '批准文号',
      approvalDate: '批准日期',
      supplyDate: '供地日期',
      agreedStartDate: '约定动工日期',
      actualStartDate: '实际动工日期',
      declaredAreaM2: 'TBMJ',
      totalInvestment: '总投资',
      investedAmount: '已投资',
      floorAreaRatio: '容积率',
      parkLevel: '园区级别',
    });
    expect(guessFieldMapping(['zddm', 'ZDMJ', 'QLR', 'ZL', 'YT'])).toMatchObject({
      code: 'zddm',
      declaredAreaM2: 'ZDMJ',
      owner: 'QLR',
      location: 'ZL',
      landUse: 'YT',
    });
  });

  it('maps values: dates to YYYY-MM-DD, 亩 and 公顷 areas to m², numbers from text', () => {
    const props = Object.assign(Object.create(null), {
      宗地面积亩: 15,
      批准日期: '2021年3月5日',
      供地日期: 20220110,
      约定动工日期: '2022/7/1',
      总投资: '1,200.5',
      园区级别: '省级开发区',
      ZDDM: 370102,
    });
    const facts = mapFields(props, {
      declaredAreaM2: '宗地面积亩',
      approvalDate: '批准日期',
      supplyDate: '供地日期',
      agreedStartDate: '约定动工日期',
      totalInvestment: '总投资',
      parkLevel: '园区级别',
      code: 'ZDDM',
    });
    expect(facts).toEqual({
      declaredAreaM2: 10_000,
      approvalDate: '2021-03-05',
      supplyDate: '2022-01-10',
      agreedStartDate: '2022-07-01',
      totalInvestment: 1200.5,
      parkLevel: 'provincial',
      code: '370102',
    });
    expect(mapFields(props, { approvalDate: 'missing' })).toEqual({});
    expect(normalizeDate('2021-13-01')).toBeUndefined();
    expect(normalizeDate(44927)).toBe('2023-01-01');
  });

  it('keeps what each kind of fact makes of edge values: blank text, false, zero, unreadable', () => {
    const props = {
      QLR: '  ',
      GY: '否',
      NC: 'Y',
      MJ: '0',
      TZ: 'abc',
      YQ: '无',
      RQ: 'not a date',
      ZL: ' 临桂区 ',
    };
    expect(
      mapFields(props, {
        owner: 'QLR',
        industrial: 'GY',
        rural: 'NC',
        declaredAreaM2: 'MJ',
        totalInvestment: 'TZ',
        parkLevel: 'YQ',
        approvalDate: 'RQ',
        location: 'ZL',
      }),
    ).toEqual({
      owner: '',
      industrial: false,
      rural: true,
      declaredAreaM2: 0,
      parkLevel: 'none',
      location: '临桂区',
    });
  });

  it('guesses roles from file and field names', () => {
    expect(guessRole('370102YJJBNT')).toBe('permanent-farmland');
    expect(guessRole('永久基本农田保护红线')).toBe('permanent-farmland');
    expect(guessRole('STBHHX_2023')).toBe('ecological-redline');
    expect(guessRole('城镇开发边界')).toBe('development-boundary');
    expect(guessRole('czkfbj')).toBe('development-boundary');
    expect(guessRole('省级开发区范围')).toBe('park');
    expect(guessRole('layer', ['KFQMC'])).toBe('park');
    expect(guessRole('宗地')).toBe('parcels');
  });
});
