import type { ReportRecord } from './statistics-report';

/** One row of the attribute table: our fields and the imported attributes as text; never geometry. */
export interface TableRow {
  id: string;
  code: string;
  owner: string;
  location: string;
  township: string;
  approvalDate: string;
  supplyDate: string;
  updatedAt: string;
  /** Control roles with a 'conflict' or 'outside' verdict. */
  conflicts: string[];
  /** Imported attribute values as text, in the order of `TableData.columns`. */
  attributes: string[];
  /** Lower-case text of every cell, for the full-text search. */
  search: string;
}

export interface TableData {
  rows: TableRow[];
  /** Names of the imported attributes shown as columns (at most MAX_ATTRIBUTE_COLUMNS). */
  columns: string[];
  /** The data revision the rows were read at. */
  dataRevision: number;
}

const MAX_ATTRIBUTE_COLUMNS = 40;

const text = (value: unknown): string =>
  value === null || value === undefined
    ? ''
    : typeof value === 'object'
      ? JSON.stringify(value)
      : String(value);

/** The lean row model of the table, from full records (the geometry is left behind), sorted by code. */
export function tableRows(records: readonly ReportRecord[]): { rows: TableRow[]; columns: string[] } {
  const columns: string[] = [];
  const seen = new Set<string>();
  for (const record of records) {
    for (const key of Object.keys(record.source.properties)) {
      if (seen.has(key) || columns.length >= MAX_ATTRIBUTE_COLUMNS) continue;
      seen.add(key);
      columns.push(key);
    }
  }
  const rows = records.map((record) => {
    const facts = record.facts;
    const attributes = columns.map((key) =>
      Object.hasOwn(record.source.properties, key) ? text(record.source.properties[key]) : '',
    );
    const row: TableRow = {
      id: record.id,
      code: facts.code ?? '',
      owner: facts.owner ?? '',
      location: facts.location ?? '',
      township: facts.township ?? '',
      approvalDate: facts.approvalDate ?? '',
      supplyDate: facts.supplyDate ?? '',
      updatedAt: record.updatedAt.slice(0, 10),
      conflicts: (record.overlay ?? [])
        .filter((c) => (c.verdict === 'conflict' || c.verdict === 'outside') && c.role !== 'park')
        .map((c) => c.role),
      attributes,
      search: '',
    };
    row.search = [row.id, row.code, row.owner, row.location, row.township, ...attributes]
      .join('\u0001')
      .toLowerCase();
    return row;
  });
  // Already in the table's default order (parcel code, as the table's collator orders it): the
  // first sort on the UI thread then finds one sorted run instead of sorting the county.
  const collator = new Intl.Collator('zh-CN', { numeric: true });
  rows.sort((a, b) => collator.compare(a.code, b.code));
  return { rows, columns };
}
