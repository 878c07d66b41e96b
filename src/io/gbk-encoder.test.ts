import { describe, expect, it } from 'vitest';
import { decodeGbk, encodeGbk, isGbkAvailable } from './gbk-encoder';

describe('encodeGbk', () => {
  it('is available in this runtime', () => {
    expect(isGbkAvailable()).toBe(true);
  });

  it.each([
    '批而未供',
    '永久基本农田',
    '生态保护红线',
    '城镇开发边界',
    '桂林市临桂区',
    '漓源县青岚镇大岭村岩头屯',
    '广西壮族自治区',
    '桂政土批〔2019〕123号',
    '黄沙瑶族乡',
    '闲置土地处置办法（2012）',
  ])('round-trips %s', (text) => {
    const { bytes, unencodable } = encodeGbk(text);
    expect(unencodable).toBe(0);
    expect(decodeGbk(bytes)).toBe(text);
  });

  it('writes the known GBK bytes for 中文', () => {
    expect(Array.from(encodeGbk('中文').bytes)).toEqual([0xd6, 0xd0, 0xce, 0xc4]);
  });

  it('passes ASCII through as single bytes', () => {
    const { bytes } = encodeGbk('ZDDM 450322-A_1');
    expect(new TextDecoder('ascii').decode(bytes)).toBe('ZDDM 450322-A_1');
    expect(bytes.length).toBe(15);
  });

  it('mixes ASCII and Chinese', () => {
    const text = 'No.12号 3#厂房';
    expect(decodeGbk(encodeGbk(text).bytes)).toBe(text);
  });

  it('replaces characters outside GBK with ? and counts them', () => {
    // An emoji (astral, one character of two code units) and a Korean syllable have no GBK code.
    const { bytes, unencodable } = encodeGbk('地😀块한');
    expect(decodeGbk(bytes)).toBe('地?块?');
    expect(unencodable).toBe(2);
  });

  it('encodes the empty string', () => {
    expect(encodeGbk('').bytes.length).toBe(0);
  });
});
