import type { EncodingInfo } from './import.types';

/**
 * Normalises the encoding names found in `.cpg` files and user choices to a WHATWG TextDecoder
 * label. `936`, `CP936`, `ANSI 936` are what ArcGIS writes; TextDecoder knows none of them, which
 * is why shpjs falls back to UTF-8 and turns 批而未供 into U+FFFD (RELIABILITY §0.5).
 * Returns undefined for labels no decoder here can read.
 */
export function normalizeEncodingLabel(label: string): string | undefined {
  const raw = label
    .replace(/^\uFEFF/, '')
    .trim()
    .replace(/^["']|["']$/g, '');
  if (raw === '') return undefined;
  const key = raw
    .toUpperCase()
    .replace(/[\s_]+/g, '')
    .replace(/^(ANSI|CP|MS|WINDOWS-?|CODEPAGE)/, '');
  const table: Record<string, string> = {
    '936': 'gbk',
    GBK: 'gbk',
    GB2312: 'gbk',
    'GB2312-80': 'gbk',
    'EUC-CN': 'gbk',
    'X-GBK': 'gbk',
    CHINESE: 'gbk',
    GB18030: 'gb18030',
    '54936': 'gb18030',
    'UTF-8': 'utf-8',
    UTF8: 'utf-8',
    '65001': 'utf-8',
    '950': 'big5',
    BIG5: 'big5',
    '1252': 'windows-1252',
    LATIN1: 'windows-1252',
    'ISO-8859-1': 'windows-1252',
    '88591': 'windows-1252',
    '437': 'ibm866',
    '932': 'shift_jis',
    SJIS: 'shift_jis',
    '949': 'euc-kr',
    '1251': 'windows-1251',
    '1250': 'windows-1250',
  };
  const mapped = table[key];
  if (mapped) return mapped;
  try {
    return new TextDecoder(raw).encoding;
  } catch {
    return undefined;
  }
}

/**
 * DBF language-driver IDs (header byte 29) that name one code page unambiguously. 0x57 ("ANSI",
 * the writer's system code page) and 0x00 are absent on purpose: they say nothing portable, so the
 * bytes decide (a UTF-8 file written with LDID 87 must still read as UTF-8, test 15).
 */
const LDID_ENCODINGS: Readonly<Record<number, string>> = {
  1: 'ibm866', // 437 has no WHATWG decoder; 866 shares the ASCII half
  3: 'windows-1252',
  19: 'shift_jis',
  77: 'gbk', // 936 PRC GBK
  78: 'euc-kr',
  79: 'big5',
  87: '',
  88: 'windows-1252',
  89: 'windows-1252',
  100: 'ibm866',
  101: 'ibm866',
  120: 'big5',
  121: 'euc-kr',
  122: 'gbk', // 936 PRC GBK (Visual FoxPro)
  123: 'shift_jis',
  125: 'windows-1255',
  126: 'windows-1256',
  200: 'windows-1250',
  201: 'windows-1251',
  202: 'windows-1254',
  203: 'windows-1253',
};

/** Encoding named by a DBF language-driver byte, or undefined when it names none. */
export function encodingFromLdid(ldid: number): string | undefined {
  const e = LDID_ENCODINGS[ldid];
  return e === undefined || e === '' ? undefined : e;
}

const utf8Fatal = new TextDecoder('utf-8', { fatal: true });

/** True when the bytes are valid UTF-8 (pure ASCII included). */
export function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    utf8Fatal.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** True when every byte is 7-bit ASCII (then every candidate encoding reads the same). */
export function isAscii(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) if ((bytes[i] as number) > 0x7f) return false;
  return true;
}

/**
 * Chooses how to decode DBF text: user choice, else `.cpg`, else the language-driver byte, else
 * UTF-8 when the bytes are valid UTF-8, else GBK (DOMAIN.md "Encodings"). A declared UTF-8 that
 * the bytes contradict falls back to GBK and says so (`mismatch`).
 */
export function chooseEncoding(input: {
  user?: string;
  cpg?: string;
  ldid?: number;
  sample: Uint8Array;
}): EncodingInfo & { mismatch?: string } {
  if (input.user) {
    const e = normalizeEncodingLabel(input.user);
    if (e) return { encoding: e, source: 'user', declared: input.user };
  }
  const ascii = isAscii(input.sample);
  const checkUtf8 = (info: EncodingInfo): EncodingInfo & { mismatch?: string } =>
    info.encoding === 'utf-8' && !ascii && !isValidUtf8(input.sample)
      ? {
          encoding: 'gbk',
          source: 'detected',
          declared: info.declared,
          mismatch: `The ${info.source === 'cpg' ? '.cpg' : 'language-driver byte'} says UTF-8 but the text is not valid UTF-8; decoded as GBK.`,
        }
      : info;
  if (input.cpg !== undefined) {
    const e = normalizeEncodingLabel(input.cpg);
    if (e) return checkUtf8({ encoding: e, source: 'cpg', declared: input.cpg.trim() });
  }
  if (input.ldid !== undefined) {
    const e = encodingFromLdid(input.ldid);
    if (e)
      return checkUtf8({
        encoding: e,
        source: 'ldid',
        declared: `0x${input.ldid.toString(16).padStart(2, '0')}`,
      });
  }
  if (ascii || isValidUtf8(input.sample)) return { encoding: 'utf-8', source: 'detected' };
  return { encoding: 'gbk', source: 'detected' };
}
