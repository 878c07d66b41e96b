import { expose } from 'comlink';
import { exportFunctions } from '../io/export/export-functions';

/** Exports, backup packing and reading, and merges, off the UI thread. */
const api = exportFunctions;

export type ExportWorkerApi = typeof api;

expose(api);
