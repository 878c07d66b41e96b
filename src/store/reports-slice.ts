import type { BackupRepository, Repositories } from '../db/repositories';
import type { ChangeEntry } from '../domain/change-entry';
import {
  disposalRate,
  fiveYearSupplyRate,
  type Grouping,
  type GroupRow,
  groupRecords,
  type QuarterProgress,
  quarterlyProgress,
  type RateIndicator,
  type SupplyRateIndicator,
} from '../domain/indicators';
import { type Locale, label } from '../domain/labels';
import type { LayerRecord } from '../domain/layer';
import type { ParcelRecord } from '../domain/parcel';
import type { RegionSettings, RegionTargets } from '../domain/regions';
import { squareMetresToHectares, squareMetresToMu } from '../domain/units';
import { type BackupData, changeKey, planRestore, type RestorePlan } from '../io/export/backup.format';
import { exportCsv } from '../io/export/csv.export';
import { type ExportCrs, type GaussKrugerChoice, suggestGaussKrugerZone } from '../io/export/export-crs';
import type { MergeConflict, MergeResult } from '../io/export/merge';
import type { ExportedField } from '../io/export/shapefile.export';
import { AppError, toAppError } from '../shared/errors';
import { newId } from '../shared/ids';
import type { PickedFile } from './import-slice';
import type { AppServices, ExportService } from './services';

/** The groupings of the statistics page, in display order. */
export const GROUPINGS: readonly Grouping[] = [
  'category',
  'subType',
  'status',
  'disposalMethod',
  'township',
  'park',
  'conflict',
];

/** One conflict of the printable report: a parcel that crosses a control line. */
export interface ReportConflict {
  id: string;
  code: string;
  role: string;
  verdict: string;
  /** Area in conflict (inside the control polygons; outside the boundary for 'outside'), m². */
  m2: number;
}

/** Everything the statistics page and the printed report show, computed from records and change log. */
export interface StatisticsReport {
  year: number;
  /** The year's revitalisation task, m² (an input: the province sets it each year). */
  taskM2: number;
  today: string;
  total: { count: number; areaM2: number };
  groups: Record<Grouping, GroupRow[]>;
  approvedNotSupplied: RateIndicator;
  idle: RateIndicator;
  supply: SupplyRateIndicator;
  quarters: QuarterProgress[];
  conflicts: ReportConflict[];
}

/**
 * Statistics of the records for a year: the seven groupings (domain `groupRecords`) and the
 * indicators (domain `disposalRate`, `fiveYearSupplyRate`, `quarterlyProgress`) with the region's
 * targets. Pure; used by the statistics page, the printed report, the bench and tests.
 */
export function buildStatistics(
  records: readonly ParcelRecord[],
  changes: readonly ChangeEntry[],
  options: { year: number; taskM2: number; targets: RegionTargets; today: string },
): StatisticsReport {
  const { year, taskM2, targets, today } = options;
  const groups = {} as Record<Grouping, GroupRow[]>;
  for (const grouping of GROUPINGS) groups[grouping] = groupRecords(records, grouping);
  let areaM2 = 0;
  const conflicts: ReportConflict[] = [];
  for (const record of records) {
    areaM2 += record.areaM2;
    for (const check of record.overlay ?? []) {
      if (check.verdict !== 'conflict' && check.verdict !== 'outside') continue;
      if (check.role === 'park') continue;
      conflicts.push({
        id: record.id,
        code: record.facts.code ?? record.id,
        role: check.role,
        verdict: check.verdict,
        m2: check.verdict === 'outside' ? Math.max(0, record.areaM2 - check.insideM2) : check.insideM2,
      });
    }
  }
  conflicts.sort((a, b) => b.m2 - a.m2);
  return {
    year,
    taskM2,
    today,
    total: { count: records.length, areaM2 },
    groups,
    approvedNotSupplied: disposalRate('approved-not-supplied', records, changes, year, targets),
    idle: disposalRate('idle', records, changes, year, targets),
    supply: fiveYearSupplyRate(records, changes, year, targets),
    quarters: quarterlyProgress(records, changes, year, taskM2, targets, today),
    conflicts,
  };
}

/** The statistics tables as one CSV (UTF-8 with BOM, formula-neutralised) in the chosen locale. */
export function statisticsCsv(
  report: StatisticsReport,
  locale: Locale,
  headers: StatisticsCsvHeaders,
): string {
  const rows: { grouping: string; key: string; count: number; mu: number; hectares: number; m2: number }[] =
    [];
  for (const grouping of GROUPINGS) {
    for (const row of report.groups[grouping]) {
      rows.push({
        grouping: headers.groupings[grouping],
        key: groupLabel(locale, grouping, row.key, headers.notSet),
        count: row.count,
        mu: Math.round(row.mu * 100) / 100,
        hectares: Math.round(row.hectares * 10_000) / 10_000,
        m2: Math.round(row.areaM2 * 100) / 100,
      });
    }
  }
  return exportCsv(rows, [
    { header: headers.grouping, value: (r) => r.grouping },
    { header: headers.group, value: (r) => r.key },
    { header: headers.count, value: (r) => r.count },
    { header: headers.mu, value: (r) => r.mu },
    { header: headers.hectares, value: (r) => r.hectares },
    { header: headers.m2, value: (r) => r.m2 },
  ]);
}

export interface StatisticsCsvHeaders {
  grouping: string;
  group: string;
  count: string;
  mu: string;
  hectares: string;
  m2: string;
  notSet: string;
  groupings: Record<Grouping, string>;
}

/** The label of a group key in a locale ('' is "not set"; conflict keys are "role:verdict"). */
export function groupLabel(locale: Locale, grouping: Grouping, key: string, notSet: string): string {
  if (key === '') return notSet;
  switch (grouping) {
    case 'category':
      return label(locale, 'category', key);
    case 'status':
      return label(locale, 'status', key);
    case 'disposalMethod':
      return label(locale, 'disposalMethod', key);
    case 'park':
      return label(locale, 'parkLevel', key);
    case 'subType':
      return label(locale, 'inefficientType', label(locale, 'ruralStockType', key));
    case 'conflict': {
      if (key === 'none') return notSet;
      const [role = '', verdict = ''] = key.split(':');
      return `${label(locale, 'layerRole', role)} · ${label(locale, 'overlayVerdict', verdict)}`;
    }
    default:
      return key;
  }
}

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

/** The lean row model of the table, from full records (the geometry is left behind). */
export function tableRows(records: readonly ParcelRecord[]): { rows: TableRow[]; columns: string[] } {
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
  return { rows, columns };
}

/** What an export produced, ready for a download. */
export interface ExportFile {
  fileName: string;
  mime: string;
  data: Uint8Array | string;
  count: number;
  /** Shapefile: DBF columns (original name → DBF name) and the renamed ones. */
  fields?: ExportedField[];
  renamed?: { property: string; dbfName: string }[];
}

export type ExportRequest =
  | { format: 'geojson'; ids: readonly string[] | null }
  | { format: 'shapefile'; ids: readonly string[] | null; encoding: 'gbk' | 'utf-8'; crs: ExportCrs }
  | { format: 'coordinate-text'; ids: readonly string[] | null; zone: GaussKrugerChoice }
  | { format: 'csv'; ids: readonly string[] | null };

export interface RestorePreview {
  fileName: string;
  plan: RestorePlan;
}

export type MergeSide = 'local' | 'incoming';

export interface MergePreview {
  fileName: string;
  added: number;
  updated: number;
  conflicts: MergeConflict[];
  /** The user's choice per conflict (starts at the merge's own choice: the newer value). */
  decisions: MergeSide[];
}

export interface ReportsState {
  reportTable: TableData | null;
  statistics: StatisticsReport | null;
  restorePreview: RestorePreview | null;
  mergePreview: MergePreview | null;
  /** A running report task ('table', 'statistics', 'export', 'backup', 'restore', 'merge'). */
  reportsBusy: string | null;
}

export interface ReportsActions {
  /** Reads every parcel once and builds the table's row model. */
  loadReportTable(): Promise<void>;
  /** Computes the statistics and indicators of a year against the region's targets. */
  computeStatistics(year: number, taskM2: number): Promise<StatisticsReport>;
  /** The Gauss-Kruger zone nearest the parcels (all, or the given ones). */
  suggestZone(ids: readonly string[] | null, threeDegree: boolean): Promise<number | undefined>;
  /** Runs an export in the export worker. */
  exportParcels(request: ExportRequest): Promise<ExportFile>;
  /** The whole database as one backup file. */
  backupAll(): Promise<ExportFile>;
  /** Reads a backup and shows what restoring it would change; nothing is written. */
  previewRestore(file: PickedFile): Promise<void>;
  /** Writes the previewed backup in one transaction and reloads. */
  applyRestore(): Promise<void>;
  /** Reads another inspector's backup or export and merges it in memory: the user reviews conflicts. */
  previewMerge(file: PickedFile): Promise<void>;
  decideMergeConflict(index: number, side: MergeSide): void;
  /** Writes the merge (with the user's decisions) in one transaction and reloads. */
  applyMerge(): Promise<void>;
  closeReportPreviews(): void;
}

interface Context {
  repositories: Repositories;
  services: AppServices;
  get(): ReportsState & {
    locale: Locale;
    region: RegionSettings;
    dataRevision: number;
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

const stamp = (date: Date): string => date.toISOString().slice(0, 10).replaceAll('-', '');

function readField(record: ParcelRecord, field: string): unknown {
  if (field.startsWith('facts.')) return (record.facts as Record<string, unknown>)[field.slice(6)];
  if (field === 'source.properties') return record.source.properties;
  return (record as unknown as Record<string, unknown>)[field];
}

/** A copy of the record with one merged field set (geometry carries its area and overlay checks). */
function withField(record: ParcelRecord, field: string, from: ParcelRecord): ParcelRecord {
  const value = readField(from, field);
  if (field.startsWith('facts.')) {
    const facts = { ...record.facts } as Record<string, unknown>;
    if (value === undefined) delete facts[field.slice(6)];
    else facts[field.slice(6)] = value;
    return { ...record, facts: facts as ParcelRecord['facts'] };
  }
  if (field === 'source.properties') return { ...record, source: { properties: from.source.properties } };
  const next = { ...record } as Record<string, unknown>;
  if (value === undefined) delete next[field];
  else next[field] = value;
  if (field === 'geometry') {
    next.areaM2 = from.areaM2;
    if (from.overlay === undefined) delete next.overlay;
    else next.overlay = from.overlay;
  }
  return next as unknown as ParcelRecord;
}

const sameContent = (a: ParcelRecord, b: ParcelRecord): boolean => {
  const strip = ({ version: _v, updatedAt: _u, updatedBy: _b, ...rest }: ParcelRecord) => rest;
  return JSON.stringify(strip(a)) === JSON.stringify(strip(b));
};

/** Table, statistics, exports, backup/restore/merge: the planner's and reviewer's actions. */
export function createReportsActions(ctx: Context): ReportsActions {
  let pendingBackup: (BackupData & { createdAt: string }) | null = null;
  let currentChangeKeys: Set<string> | null = null;
  let pendingMerge: {
    result: MergeResult;
    local: Map<string, ParcelRecord>;
    incoming: Map<string, ParcelRecord>;
    layers: LayerRecord[];
  } | null = null;

  const exports = (): ExportService => {
    if (!ctx.services.exports) throw new AppError('internal', 'Exports are not available here.');
    return ctx.services.exports;
  };
  const backupRepository = (): BackupRepository => {
    if (!ctx.repositories.backup) throw new AppError('internal', 'Backups are not available here.');
    return ctx.repositories.backup;
  };
  const busy = async <T>(task: string, work: () => Promise<T>): Promise<T> => {
    ctx.set({ reportsBusy: task });
    try {
      return await work();
    } finally {
      ctx.set({ reportsBusy: null });
    }
  };
  const recordsFor = async (ids: readonly string[] | null): Promise<ParcelRecord[]> => {
    const all = await ctx.loadRecords();
    if (ids === null) return all;
    const wanted = new Set(ids);
    return all.filter((r) => wanted.has(r.id));
  };
  const readBytes = async (file: PickedFile) => new Uint8Array(await file.arrayBuffer());

  return {
    async loadReportTable() {
      await busy('table', async () => {
        const dataRevision = ctx.get().dataRevision;
        const { rows, columns } = tableRows(await ctx.loadRecords());
        ctx.set({ reportTable: { rows, columns, dataRevision } });
      });
    },

    async computeStatistics(year, taskM2) {
      return busy('statistics', async () => {
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

    async suggestZone(ids, threeDegree) {
      return suggestGaussKrugerZone(await recordsFor(ids), threeDegree);
    },

    async exportParcels(request) {
      return busy('export', async () => {
        const records = await recordsFor(request.ids);
        if (records.length === 0) throw new AppError('validation', 'No parcels to export.');
        const day = stamp(ctx.services.now());
        switch (request.format) {
          case 'geojson':
            return {
              fileName: `landstock-parcels-${day}.geojson`,
              mime: 'application/geo+json',
              data: await exports().geoJson(records),
              count: records.length,
            };
          case 'shapefile': {
            const result = await exports().shapefile(records, {
              encoding: request.encoding,
              crs: request.crs,
              lastUpdate: ctx.services.now(),
            });
            return {
              fileName: `landstock-parcels-${day}.zip`,
              mime: 'application/zip',
              data: result.zip,
              count: records.length,
              fields: result.fields,
              renamed: result.renamed,
            };
          }
          case 'coordinate-text': {
            const result = await exports().coordinateText(records, {
              ...request.zone,
              date: ctx.services.now().toISOString().slice(0, 10),
            });
            return {
              fileName: `landstock-coordinates-${day}.txt`,
              mime: 'text/plain',
              data: result.bytes,
              count: result.parcels,
            };
          }
          case 'csv':
            return {
              fileName: `landstock-parcels-${day}.csv`,
              mime: 'text/csv;charset=utf-8',
              data: await exports().parcelCsv(records, ctx.get().locale),
              count: records.length,
            };
        }
      });
    },

    async backupAll() {
      return busy('backup', async () => {
        const snapshot = await backupRepository().dump();
        const now = ctx.services.now();
        const bytes = await exports().backup(snapshot, now);
        return {
          fileName: `landstock-backup-${stamp(now)}.zip`,
          mime: 'application/zip',
          data: bytes,
          count: snapshot.parcels.length,
        };
      });
    },

    async previewRestore(file) {
      await busy('restore', async () => {
        const data = await exports().readBackup(await readBytes(file));
        const current = await backupRepository().dump();
        pendingBackup = data;
        currentChangeKeys = new Set(current.changes.map(changeKey));
        ctx.set({ restorePreview: { fileName: file.name, plan: planRestore(current, data) } });
      });
    },

    async applyRestore() {
      const data = pendingBackup;
      const known = currentChangeKeys;
      if (!data || !known) return;
      await busy('restore', async () => {
        await backupRepository().restore({
          ...data,
          changes: data.changes.filter((c) => !known.has(changeKey(c))),
        });
        pendingBackup = null;
        currentChangeKeys = null;
        ctx.set({ restorePreview: null, reportTable: null, statistics: null });
        await ctx.reloadSettings();
        await ctx.reload();
      });
    },

    async previewMerge(file) {
      await busy('merge', async () => {
        const bytes = await readBytes(file);
        const now = ctx.services.now().toISOString();
        let incoming: ParcelRecord[];
        let incomingChanges: ChangeEntry[] = [];
        let incomingLayers: LayerRecord[] = [];
        let backup: (BackupData & { createdAt: string }) | null = null;
        try {
          backup = await exports().readBackup(bytes.slice());
        } catch (error) {
          const reason = toAppError(error).details?.reason;
          if (reason !== 'not-a-backup') throw error;
        }
        if (backup) {
          incoming = backup.parcels;
          incomingChanges = backup.changes;
          incomingLayers = backup.layers;
        } else {
          incoming = await exports().readExportedParcels(file.name, bytes, now);
        }
        const [local, localChanges] = await Promise.all([ctx.loadRecords(), ctx.loadChanges()]);
        const result = await exports().merge(local, incoming, localChanges, incomingChanges);
        const known = new Set(ctx.get().layers.map((l) => l.id));
        const byId = new Map(incomingLayers.map((l) => [l.id, l]));
        const newLayers: LayerRecord[] = [];
        let order = Math.max(0, ...ctx.get().layers.map((l) => l.order));
        for (const id of result.added) {
          const layerId = id.slice(0, id.lastIndexOf('#'));
          if (known.has(layerId)) continue;
          known.add(layerId);
          const fromBackup = byId.get(layerId);
          newLayers.push(
            fromBackup && fromBackup.role === 'parcels'
              ? { ...fromBackup, featureCount: 0, order: ++order }
              : {
                  id: layerId,
                  name: file.name,
                  role: 'parcels',
                  source: file.name,
                  featureCount: 0,
                  visible: true,
                  opacity: 0.8,
                  order: ++order,
                  nextSeq: 0,
                  createdAt: now,
                },
          );
        }
        pendingMerge = {
          result,
          local: new Map(local.map((r) => [r.id, r])),
          incoming: new Map(incoming.map((r) => [r.id, r])),
          layers: newLayers,
        };
        ctx.set({
          mergePreview: {
            fileName: file.name,
            added: result.added.length,
            updated: result.updated.length,
            conflicts: result.conflicts,
            decisions: result.conflicts.map((c) => c.chosen),
          },
        });
      });
    },

    decideMergeConflict(index, side) {
      const preview = ctx.get().mergePreview;
      if (!preview || index < 0 || index >= preview.decisions.length) return;
      const decisions = preview.decisions.slice();
      decisions[index] = side;
      ctx.set({ mergePreview: { ...preview, decisions } });
    },

    async applyMerge() {
      const pending = pendingMerge;
      const preview = ctx.get().mergePreview;
      if (!pending || !preview) return;
      await busy('merge', async () => {
        const { result, local, incoming } = pending;
        const merged = new Map(result.merged.map((r) => [r.id, r]));
        const now = ctx.services.now().toISOString();
        const who = ctx.get().inspectorName || 'user';
        const batch = newId('b-');
        const decisionChanges: ChangeEntry[] = [];
        result.conflicts.forEach((conflict, i) => {
          const side = preview.decisions[i] ?? conflict.chosen;
          const record = merged.get(conflict.parcelId);
          const from = side === 'local' ? local.get(conflict.parcelId) : incoming.get(conflict.parcelId);
          if (!record || !from) return;
          merged.set(conflict.parcelId, withField(record, conflict.field, from));
          const mine = local.get(conflict.parcelId);
          const oldValue = mine ? readField(mine, conflict.field) : undefined;
          const newValue = readField(from, conflict.field);
          if (JSON.stringify(oldValue) !== JSON.stringify(newValue) && conflict.field !== 'geometry') {
            decisionChanges.push({
              parcelId: conflict.parcelId,
              at: now,
              who,
              field: conflict.field,
              oldValue,
              newValue,
              reason: `merge ${preview.fileName}: ${side}`,
              batch,
            });
          }
        });
        const writes: ParcelRecord[] = [];
        for (const record of merged.values()) {
          const mine = local.get(record.id);
          if (!mine) writes.push(record);
          else if (!sameContent(mine, record))
            writes.push({ ...record, version: Math.max(record.version, mine.version + 1) });
        }
        await backupRepository().mergeIncoming(pending.layers, writes, [
          ...result.changesToAdd,
          ...decisionChanges,
        ]);
        pendingMerge = null;
        ctx.set({ mergePreview: null, reportTable: null, statistics: null });
        await ctx.reload();
      });
    },

    closeReportPreviews() {
      pendingBackup = null;
      currentChangeKeys = null;
      pendingMerge = null;
      ctx.set({ restorePreview: null, mergePreview: null });
    },
  };
}

/** Areas of a total in the three units the tables show. */
export function areaTotals(areaM2: number): { mu: number; hectares: number } {
  return { mu: squareMetresToMu(areaM2), hectares: squareMetresToHectares(areaM2) };
}
