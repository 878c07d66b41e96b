import { type BackupActions, createBackupActions } from './backup-slice';
import { createExportActions, type ExportActions } from './export-slice';
import { createReportTableActions, type ReportTableActions } from './report-table-slice';
import type { ReportsContext } from './reports-context';

export type { MergePreview, MergeSide, RestorePreview } from './backup-slice';
export type { ExportFile, ExportRequest } from './export-slice';
export type { MapClasses } from './report-table-slice';
export { REPORTS_INITIAL_STATE, type ReportsContext, type ReportsState } from './reports-context';

export type ReportsActions = ReportTableActions & ExportActions & BackupActions;

/**
 * Table, statistics, exports, backup/restore/merge: the planner's and reviewer's actions, composed
 * of the table/statistics, export and backup slices.
 */
export function createReportsActions(ctx: ReportsContext): ReportsActions {
  return {
    ...createReportTableActions(ctx),
    ...createExportActions(ctx),
    ...createBackupActions(ctx),
  };
}
