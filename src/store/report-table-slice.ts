import { buildStatistics, type StatisticsReport } from '../domain/reports/statistics-report';
import { tableRows } from '../domain/reports/table-rows';
import { type ReportsContext, reportTask } from './reports-context';

export interface ReportTableActions {
  /** Reads every parcel once and builds the table's row model. */
  loadReportTable(): Promise<void>;
  /** Computes the statistics and indicators of a year against the region's targets. */
  computeStatistics(year: number, taskM2: number): Promise<StatisticsReport>;
}

/** The attribute table's row model and the statistics page. */
export function createReportTableActions(ctx: ReportsContext): ReportTableActions {
  return {
    async loadReportTable() {
      await reportTask(ctx, 'table', async () => {
        const dataRevision = ctx.get().dataRevision;
        const { rows, columns } = tableRows(await ctx.loadRecords());
        ctx.set({ reportTable: { rows, columns, dataRevision } });
      });
    },

    async computeStatistics(year, taskM2) {
      return reportTask(ctx, 'statistics', async () => {
        const [records, changes] = await Promise.all([ctx.loadRecords(), ctx.loadChanges()]);
        const report = buildStatistics(records, changes, {
          year,
          taskM2,
          targets: ctx.get().region.targets,
          today: ctx.services.now().toISOString().slice(0, 10),
        });
        ctx.set({ statistics: report });
        return report;
      });
    },
  };
}
