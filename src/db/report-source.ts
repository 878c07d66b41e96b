import type { ReportSource } from '../domain/reports/report-computer';
import type { ReportRecord } from '../domain/reports/statistics-report';
import type { Repositories } from './repositories';

/**
 * The reports' view of storage: every parcel of every parcel layer (in layer order, as the store
 * reads them) and the change log. Used in the reports worker over its own connection, and in
 * process where no worker runs (tests, tools).
 */
export function repositoryReportSource(
  repositories: Pick<Repositories, 'layers' | 'parcels' | 'changes'>,
): ReportSource {
  return {
    async records() {
      const records: ReportRecord[] = [];
      for (const layer of await repositories.layers.list()) {
        if (layer.role !== 'parcels') continue;
        for (const record of await repositories.parcels.readLayer(layer.id)) records.push(record);
      }
      return records;
    },
    changes: () => repositories.changes.all(),
  };
}
