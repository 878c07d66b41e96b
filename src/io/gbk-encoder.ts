/**
 * GBK (code page 936) text encoding without a dependency: browsers and Node only decode GBK, so
 * the encode table is built once, lazily, by decoding every two-byte GBK code with the platform's
 * TextDecoder. Used by the shapefile writer for DBF attributes that ArcGIS users read as GBK.
 *
 * Characters outside two-byte GBK (e.g. rare CJK only reachable through GB18030's four-byte
 * form, emoji) become '?' and are counted, so the caller can tell the user.
 */

/** Result of encoding a string. */
export interface GbkEncoded {
  bytes: Uint8Array;
  /** Number of characters that had no GBK code and were written as '?'. */
  unencodable: number;
}

const QUESTION_MARK = 0x3f;
let table: Uint16Array | undefined;

/**
 * UTF-16 code unit → two-byte GBK code (lead << 8 | trail), 0 when none. Decodes all 23,940
 * candidate pairs in one call, each followed by a newline, so an invalid pair (decoded as U+FFFD,
 * maybe plus its ASCII trail byte) cannot shift the ones after it.
 */
function encodeTable(): Uint16Array {
  if (table) return table;
  const pairs: number[] = [];
  const bytes: number[] = [];
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      pairs.push((lead << 8) | trail);
      bytes.push(lead, trail, 0x0a);
    }
  }
  const decoded = new TextDecoder('gbk').decode(new Uint8Array(bytes)).split('\n');
  const result = new Uint16Array(0x10000);
  pairs.forEach((code, i) => {
    const text = decoded[i];
    if (text === undefined || text.length !== 1 || text === '\ufffd') return;
    const unit = text.charCodeAt(0);
    // Keep the first (lowest) code when two codes decode to the same character.
    if (result[unit] === 0) result[unit] = code;
  });
  table = result;
  return result;
}

/** True when the platform can decode GBK, which building the table needs. */
export function isGbkAvailable(): boolean {
  try {
    new TextDecoder('gbk');
    return true;
  } catch {
    return false;
  }
}

/** Encodes `text` as GBK: ASCII as one byte, Chinese as two bytes, anything else as '?'. */
export function encodeGbk(text: string): GbkEncoded {
  const map = encodeTable();
  const out = new Uint8Array(text.length * 2);
  let length = 0;
  let unencodable = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) {
      out[length++] = unit;
      continue;
    }
    const code = map[unit] ?? 0;
    if (code !== 0) {
      out[length++] = code >> 8;
      out[length++] = code & 0xff;
      continue;
    }
    // A surrogate pair is one character: one '?' for both halves.
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    }
    out[length++] = QUESTION_MARK;
    unencodable++;
  }
  return { bytes: out.slice(0, length), unencodable };
}

/** Decodes GBK bytes (a thin wrapper, for symmetry in tests and callers). */
export function decodeGbk(bytes: Uint8Array): string {
  return new TextDecoder('gbk').decode(bytes);
}
