import { expose } from 'comlink';
import { prepareDemoLayers } from '../io/demo-layers';

/** Off-UI-thread preparation of layers (parse, measure, map facts). */
const api = { prepareDemoLayers };

export type PrepareWorkerApi = typeof api;

expose(api);
