import { wrap } from 'comlink';
import type { ReportComputer } from '../domain/reports/report-computer';
import type { ReportsWorkerApi } from '../workers/reports.worker';

/** Statistics, table rows and map classes in a long-lived worker reading the database `name`. */
export function createReportsService(name: string): ReportComputer {
  let api: ReturnType<typeof wrap<ReportsWorkerApi>> | null = null;
  const worker = () => {
    if (!api) {
      api = wrap<ReportsWorkerApi>(
        new Worker(new URL('../workers/reports.worker.ts', import.meta.url), { type: 'module' }),
      );
      void api.open(name);
    }
    return api;
  };
  return {
    statistics: (revision, options) => worker().statistics(revision, options),
    table: (revision) => worker().table(revision),
    tableRows: (revision, start, end) => worker().tableRows(revision, start, end),
    groupClasses: (revision, grouping) => worker().groupClasses(revision, grouping),
  };
}
