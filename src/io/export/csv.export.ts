import type { Locale } from '../../domain/labels';
import { label } from '../../domain/labels';
import type { ParcelRecord } from '../../domain/parcel';
import { squareMetresToHectares, squareMetresToMu } from '../../domain/units';

/** One CSV cell: numbers stay numeric; text is quoted and neutralised as needed. */
export type CsvCell = string | number | boolean | null | undefined;

/** A column of a CSV export: its header and how to read the cell from a row. */
export interface CsvColumn<T> {
  header: string;
  value: (row: T) => CsvCell;
}

export interface CsvOptions {
  /** Prepend a UTF-8 byte-order mark so Excel opens the file as UTF-8 (default true). */
  bom?: boolean;
}

/**
 * Characters that make a spreadsheet read a cell as a formula (RELIABILITY 54, OWASP CSV
 * injection). Leading apostrophes are included in the test so that a text which already starts
 * with `'=` gets one more `'`: stripping exactly one on re-import then restores it (bijective).
 */
const FORMULA_START = /^'*[=+\-@\t\r]/;
const GUARDED = /^'+[=+\-@\t\r]/;

/** Prefixes `'` to text a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, TAB, CR). */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** Removes the guard added by `neutraliseFormula` (for re-import of our own CSV files). */
export function stripFormulaGuard(text: string): string {
  return GUARDED.test(text) ? text.slice(1) : text;
}

/** Renders one cell: finite numbers as numbers, text guarded then quoted per RFC 4180. */
export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const text = neutraliseFormula(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * Writes rows as CSV for Excel and WPS: UTF-8 with BOM, CRLF line ends, RFC 4180 quoting, and
 * formula neutralisation of text cells. Used for parcel lists and statistics tables.
 */
export function exportCsv<T>(
  rows: readonly T[],
  columns: readonly CsvColumn<T>[],
  options: CsvOptions = {},
): string {
  const lines: string[] = [columns.map((c) => csvCell(c.header)).join(',')];
  for (const row of rows) lines.push(columns.map((c) => csvCell(c.value(row))).join(','));
  return `${options.bom === false ? '' : '\uFEFF'}${lines.join('\r\n')}\r\n`;
}

/**
 * Parses RFC 4180 CSV (BOM, quotes, CRLF/LF) into rows of strings, stripping the formula guard.
 * Used to read back our own exports (tests, re-import of lists); not a general spreadsheet reader.
 */
export function parseCsv(text: string): string[][] {
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  let i = 0;
  const endCell = () => {
    row.push(stripFormulaGuard(cell));
    cell = '';
  };
  while (i < source.length) {
    const ch = source[i] as string;
    if (quoted) {
      if (ch === '"') {
        if (source[i + 1] === '"') {
          cell += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else cell += ch;
      i++;
      continue;
    }
    if (ch === '"') quoted = true;
    else if (ch === ',') endCell();
    else if (ch === '\r' || ch === '\n') {
      endCell();
      rows.push(row);
      row = [];
      if (ch === '\r' && source[i + 1] === '\n') i++;
    } else cell += ch;
    i++;
  }
  if (cell !== '' || row.length > 0) {
    endCell();
    rows.push(row);
  }
  return rows;
}

const round = (value: number, digits: number): number => {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
};

/** Control-line checks of a parcel that count as conflicts ('conflict' or 'outside'), as labels. */
function conflictText(record: ParcelRecord, locale: Locale): string {
  const parts: string[] = [];
  for (const check of record.overlay ?? []) {
    if (check.verdict !== 'conflict' && check.verdict !== 'outside') continue;
    // 'outside' carries the area inside the boundary; the list shows what was measured, in 亩.
    const mu = round(squareMetresToMu(check.insideM2), 2);
    parts.push(
      `${label(locale, 'layerRole', check.role)}:${label(locale, 'overlayVerdict', check.verdict)} ${mu}`,
    );
  }
  return parts.join(label(locale, 'message', 'listSeparator'));
}

/** The columns of the parcel list (headers in the chosen locale). */
export function parcelListColumns(locale: Locale): CsvColumn<ParcelRecord>[] {
  const fact = (
    key: 'code' | 'owner' | 'location' | 'township' | 'landUse' | 'landUseCode',
  ): CsvColumn<ParcelRecord> => ({
    header: label(locale, 'factField', key),
    value: (r) => r.facts[key],
  });
  const mu = locale === 'zh-CN' ? '面积(亩)' : 'Area (mu)';
  const ha = locale === 'zh-CN' ? '面积(公顷)' : 'Area (ha)';
  const m2 = locale === 'zh-CN' ? '面积(平方米)' : 'Area (m²)';
  const conflicts = locale === 'zh-CN' ? '管控冲突' : 'Control-line conflicts';
  return [
    { header: 'ID', value: (r) => r.id },
    fact('code'),
    fact('owner'),
    fact('location'),
    fact('township'),
    fact('landUse'),
    fact('landUseCode'),
    { header: label(locale, 'recordField', 'category'), value: (r) => label(locale, 'category', r.category) },
    { header: label(locale, 'recordField', 'subType'), value: (r) => r.subType },
    { header: label(locale, 'recordField', 'status'), value: (r) => label(locale, 'status', r.status) },
    {
      header: label(locale, 'recordField', 'idleCause'),
      value: (r) => (r.idleCause ? label(locale, 'idleCause', r.idleCause) : undefined),
    },
    {
      header: label(locale, 'recordField', 'disposalMethod'),
      value: (r) => (r.disposal ? label(locale, 'disposalMethod', r.disposal.method) : undefined),
    },
    { header: label(locale, 'recordField', 'disposalDate'), value: (r) => r.disposal?.date },
    { header: mu, value: (r) => round(squareMetresToMu(r.areaM2), 2) },
    { header: ha, value: (r) => round(squareMetresToHectares(r.areaM2), 4) },
    { header: m2, value: (r) => round(r.areaM2, 2) },
    { header: conflicts, value: (r) => conflictText(r, locale) },
    { header: label(locale, 'recordField', 'notes'), value: (r) => r.notes },
    { header: label(locale, 'recordField', 'updatedAt'), value: (r) => r.updatedAt },
    { header: label(locale, 'recordField', 'updatedBy'), value: (r) => r.updatedBy },
  ];
}

/**
 * The parcel list as CSV (UTF-8 with BOM) for Excel: codes shown as labels of the locale, areas in
 * 亩 (2 decimals), 公顷 (4) and m² (2) as numbers, conflicts as "role:verdict 亩" joined.
 */
export function parcelListCsv(
  records: readonly ParcelRecord[],
  locale: Locale,
  options: CsvOptions = {},
): string {
  return exportCsv(records, parcelListColumns(locale), options);
}
