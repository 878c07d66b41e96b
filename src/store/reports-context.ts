import type { BackupRepository, Repositories } from '../db/repositories';
import type { ChangeEntry } from '../domain/change-entry';
import type { Grouping } from '../domain/indicators';
import type { Locale } from '../domain/labels';
import type { LayerRecord } from '../domain/layer';
import type { ParcelRecord } from '../domain/parcel';
import type { RegionSettings } from '../domain/regions';
import type { StatisticsReport } from '../domain/reports/statistics-report';
import type { TableData } from '../domain/reports/table-rows';
import { AppError } from '../shared/errors';
import type { MergePreview, RestorePreview } from './backup-slice';
import type { MapClasses } from './report-table-slice';
import type { AppServices, ExportService } from './services';

export interface ReportsState {
  reportTable: TableData | null;
  statistics: StatisticsReport | null;
  restorePreview: RestorePreview | null;
  mergePreview: MergePreview | null;
  /** A running report task ('table', 'statistics', 'export', 'backup', 'restore', 'merge'). */
  reportsBusy: string | null;
  /** The grouping the map is coloured by ('category': the map's own category colours). */
  mapColorBy: Grouping;
  /** The classes of `mapColorBy` and each parcel's class; null while coloured by category. */
  mapClasses: MapClasses | null;
}

export const REPORTS_INITIAL_STATE: ReportsState = {
  reportTable: null,
  statistics: null,
  restorePreview: null,
  mergePreview: null,
  reportsBusy: null,
  mapColorBy: 'category',
  mapClasses: null,
};

/** What the reports slices need from the store. */
export interface ReportsContext {
  repositories: Repositories;
  services: AppServices;
  get(): ReportsState & {
    locale: Locale;
    region: RegionSettings;
    dataRevision: number;
    lastChanged: { revision: number };
    inspectorName: string;
    layers: LayerRecord[];
  };
  set(patch: Partial<ReportsState>): void;
  loadRecords(): Promise<ParcelRecord[]>;
  loadChanges(): Promise<ChangeEntry[]>;
  /** Reloads layers and parcels after the stored data changed. */
  reload(): Promise<void>;
  /** Re-reads settings (locale, region …) after a restore. */
  reloadSettings(): Promise<void>;
}

/** Runs a report task with `reportsBusy` set for its duration. */
export async function reportTask<T>(ctx: ReportsContext, task: string, work: () => Promise<T>): Promise<T> {
  ctx.set({ reportsBusy: task });
  try {
    return await work();
  } finally {
    ctx.set({ reportsBusy: null });
  }
}

export function exportService(ctx: ReportsContext): ExportService {
  if (!ctx.services.exports) throw new AppError('internal', 'Exports are not available here.');
  return ctx.services.exports;
}

export function backupRepository(ctx: ReportsContext): BackupRepository {
  if (!ctx.repositories.backup) throw new AppError('internal', 'Backups are not available here.');
  return ctx.repositories.backup;
}

/** A date as yyyymmdd for file names. */
export const stamp = (date: Date): string => date.toISOString().slice(0, 10).replaceAll('-', '');
