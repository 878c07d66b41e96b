import type { ChangeEntry } from '../change-entry';
import type { Grouping } from '../indicators';
import type { RegionTargets } from '../regions';
import { assignGroupClasses, type GroupClasses } from './group-classes';
import { buildStatistics, type ReportRecord, type StatisticsReport } from './statistics-report';
import { type TableRow, tableRows } from './table-rows';

/** Where the reports read the stored parcels and change log (IndexedDB in the worker, repositories in tests). */
export interface ReportSource {
  records(): Promise<ReportRecord[]>;
  changes(): Promise<ChangeEntry[]>;
}

export interface StatisticsOptions {
  year: number;
  taskM2: number;
  targets: RegionTargets;
  today: string;
}

/** The heavy report computations, off the UI thread in the app (`workers/reports.worker.ts`). */
export interface ReportComputer {
  statistics(revision: string, options: StatisticsOptions): Promise<StatisticsReport>;
  /** Builds the table's row model and says how many rows to fetch in batches. */
  table(revision: string): Promise<{ columns: string[]; count: number }>;
  /** Rows [start, end) of the row model built by `table` at the same revision. */
  tableRows(revision: string, start: number, end: number): Promise<TableRow[]>;
  groupClasses(revision: string, grouping: Grouping): Promise<GroupClasses>;
}

/**
 * The report computations over a source. The records are read once per data revision (a token the
 * store changes whenever stored parcels change) and kept without their geometry; the row model is
 * kept until the next revision so it can be handed over in batches.
 */
export function createReportComputer(source: ReportSource): ReportComputer {
  let cached: { revision: string; records: Promise<ReportRecord[]> } | null = null;
  let table: { revision: string; rows: TableRow[]; columns: string[] } | null = null;

  const records = (revision: string): Promise<ReportRecord[]> => {
    if (cached?.revision !== revision) {
      const reading = source.records().then((all) =>
        all.map((record) => {
          const { geometry: _geometry, ...lean } = record as ReportRecord & { geometry?: unknown };
          return lean;
        }),
      );
      cached = { revision, records: reading };
      reading.catch(() => {
        if (cached?.records === reading) cached = null;
      });
    }
    return cached.records;
  };

  const buildTable = async (revision: string) => {
    const built = tableRows(await records(revision));
    table = { revision, ...built };
    return table;
  };

  return {
    async statistics(revision, options) {
      const [all, changes] = await Promise.all([records(revision), source.changes()]);
      return buildStatistics(all, changes, options);
    },
    async table(revision) {
      const built = await buildTable(revision);
      return { columns: built.columns, count: built.rows.length };
    },
    async tableRows(revision, start, end) {
      const built = table?.revision === revision ? table : await buildTable(revision);
      const rows = built.rows.slice(start, end);
      // The last batch handed over: the row model lives on in the store only.
      if (end >= built.rows.length && table === built) table = null;
      return rows;
    },
    async groupClasses(revision, grouping) {
      return assignGroupClasses(await records(revision), grouping);
    },
  };
}
