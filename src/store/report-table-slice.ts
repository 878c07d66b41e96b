import { repositoryReportSource } from '../db/report-source';
import type { Grouping } from '../domain/indicators';
import type { GroupClasses } from '../domain/reports/group-classes';
import { createReportComputer, type ReportComputer } from '../domain/reports/report-computer';
import type { StatisticsReport } from '../domain/reports/statistics-report';
import type { TableRow } from '../domain/reports/table-rows';
import { type ReportsContext, reportTask } from './reports-context';

/** Rows handed over from the reports worker per message (each message is a short UI-thread task). */
export const TABLE_BATCH = 2_000;

/** What the map is coloured by: a grouping's classes (null: by category, the map's own colours). */
export type MapClasses = GroupClasses & { revision: string };

export interface ReportTableActions {
  /** Reads every parcel once and builds the table's row model (in the reports worker in the app). */
  loadReportTable(): Promise<void>;
  /** Computes the statistics and indicators of a year against the region's targets. */
  computeStatistics(year: number, taskM2: number): Promise<StatisticsReport>;
  /** Colours the map by a grouping of the statistics ('category' is the map's default). */
  setMapColorBy(grouping: Grouping): Promise<void>;
  /** Recomputes the map's classes after stored parcels changed (the map asks, debounced). */
  refreshMapClasses(): Promise<void>;
}

/** The attribute table's row model, the statistics page and the coloured map's classes. */
export function createReportTableActions(ctx: ReportsContext): ReportTableActions {
  let inProcess: ReportComputer | null = null;
  const computer = (): ReportComputer => {
    if (ctx.services.reports) return ctx.services.reports;
    inProcess ??= createReportComputer(repositoryReportSource(ctx.repositories));
    return inProcess;
  };
  /** Changes whenever stored parcels or the change log change (reload or edit). */
  const revision = (): string => {
    const state = ctx.get();
    return `${state.dataRevision}:${state.lastChanged.revision}`;
  };
  const loadClasses = async (grouping: Grouping): Promise<void> => {
    const at = revision();
    const classes = await computer().groupClasses(at, grouping);
    // A later choice wins over a slower earlier answer.
    if (ctx.get().mapColorBy === grouping) ctx.set({ mapClasses: { ...classes, revision: at } });
  };

  return {
    async loadReportTable() {
      await reportTask(ctx, 'table', async () => {
        const dataRevision = ctx.get().dataRevision;
        const at = revision();
        const { columns, count } = await computer().table(at);
        const rows: TableRow[] = [];
        for (let start = 0; start < count; start += TABLE_BATCH) {
          for (const row of await computer().tableRows(at, start, start + TABLE_BATCH)) rows.push(row);
        }
        ctx.set({ reportTable: { rows, columns, dataRevision } });
      });
    },

    async computeStatistics(year, taskM2) {
      return reportTask(ctx, 'statistics', async () => {
        const report = await computer().statistics(revision(), {
          year,
          taskM2,
          targets: ctx.get().region.targets,
          today: ctx.services.now().toISOString().slice(0, 10),
        });
        ctx.set({ statistics: report });
        return report;
      });
    },

    async setMapColorBy(grouping) {
      ctx.set({ mapColorBy: grouping, ...(grouping === 'category' && { mapClasses: null }) });
      if (grouping !== 'category') await loadClasses(grouping);
    },

    async refreshMapClasses() {
      const { mapColorBy, mapClasses } = ctx.get();
      if (mapColorBy === 'category' || mapClasses?.revision === revision()) return;
      await loadClasses(mapColorBy);
    },
  };
}
