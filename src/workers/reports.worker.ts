import { expose } from 'comlink';
import { type OpenedDatabase, openDatabase } from '../db/open-database';
import { repositoryReportSource } from '../db/report-source';
import { createReportComputer } from '../domain/reports/report-computer';

/**
 * Statistics, the table's row model and the coloured map's classes, off the UI thread: the worker
 * reads the parcels from IndexedDB over its own connection, so the UI thread never holds or walks
 * the county's records for a report.
 */
let database: Promise<OpenedDatabase> | null = null;
let databaseName = 'landstock';

const source = () => {
  database ??= openDatabase(databaseName);
  return database.then((opened) => repositoryReportSource(opened.repositories));
};

const computer = createReportComputer({
  records: async () => (await source()).records(),
  changes: async () => (await source()).changes(),
});

const api = {
  /** The database to read (the app's, or a test's); call before anything else. */
  open(name: string): void {
    if (name === databaseName && database) return;
    void database?.then((opened) => opened.close());
    database = null;
    databaseName = name;
  },
  statistics: computer.statistics,
  table: computer.table,
  tableRows: computer.tableRows,
  groupClasses: computer.groupClasses,
};

export type ReportsWorkerApi = typeof api;

expose(api);
