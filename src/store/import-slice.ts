import { readControlLayers } from '../db/control-layers';
import type { Repositories } from '../db/repositories';
import type { BoundaryErrorThresholds } from '../domain/overlay-verdict';
import { CONTROL_ROLES } from '../domain/parcel';
import type { ImportInput, ImportNote, ImportProgress, PickedFile } from '../io/import.types';
import { MAX_INPUT_BYTES } from '../io/import-files';
import { type ImportSummary, type LayerChoice, needsControlLayers } from '../io/prepare-imported';
import { layerSourceKey, redecodeStoredLayer } from '../io/redecode-layer';
import { AppError, toAppError } from '../shared/errors';
import { newId } from '../shared/ids';
import type { AppServices, ImportSession } from './services';

export type { FieldMapping, ImportNoteCode } from '../io/import.types';
export type { ImportSummary, LayerSummary } from '../io/prepare-imported';

/** Where the import dialog stands. */
export interface ImportState {
  phase: 'reading' | 'review' | 'storing' | 'done' | 'failed';
  fileNames: string[];
  progress: ImportProgress | null;
  summary: ImportSummary | null;
  /** Notes of preparing and storing (after review). */
  notes: ImportNote[];
  error: AppError | null;
  /** Options the files were read with (the user may re-read with another encoding or CRS). */
  options: { encoding?: string; crsOverride?: string };
  storedLayerIds: string[];
}

export type { PickedFile };

export interface ImportActions {
  /** The user is about to choose files (the import button, a drag over the map): see AppServices.expectImport. */
  expectImport(): void;
  /** Reads picked or dropped files (refusing oversized input before reading it) and starts the import. */
  importPickedFiles(files: readonly PickedFile[]): Promise<void>;
  /** Reads the files in a worker and opens the review. */
  startImport(files: readonly ImportInput[]): Promise<void>;
  /** Reads the same files again with a forced encoding or coordinate system. */
  rereadImport(options: { encoding?: string; crsOverride?: string }): Promise<void>;
  /** Prepares the chosen layers and stores them in one transaction. */
  commitImport(choices: Omit<LayerChoice, 'id' | 'order'>[]): Promise<void>;
  cancelImport(): void;
  /** Decodes an imported parcel layer's attributes again in another encoding (from its kept DBF). */
  changeLayerEncoding(layerId: string, encoding: string): Promise<void>;
  /** Whether a layer keeps its source attributes (so its encoding can be switched). */
  hasLayerSource(layerId: string): Promise<boolean>;
  closeImport(): void;
}

interface Context {
  repositories: Repositories;
  services: AppServices;
  /** The user's 边界误差 thresholds: imported parcels are judged as drawn ones are. */
  thresholds(): BoundaryErrorThresholds;
  getImport(): ImportState | null;
  setImport(next: ImportState | null): void;
  /** The highest layer order in use. */
  maxOrder(): number;
  /** Reloads layers and parcels after a change of stored layers (the map re-reads its sources). */
  reload(): Promise<void>;
  /** Re-reads just these layers (the rest of the county and its map source stay as they are). */
  reloadLayers(ids: readonly string[]): Promise<void>;
  /** Re-checks every stored parcel against the control layers (after one was added). */
  recheckAll(): Promise<void>;
  /** Asks the map to show these layers (the county just imported). */
  showLayers(ids: readonly string[]): void;
}

const sourceKey = layerSourceKey;

/**
 * A User Timing mark per import step (`landstock:import-read-start` …), read by the browser bench;
 * marks only, nothing depends on them.
 */
const mark = (name: string, startTime?: number): void => {
  globalThis.performance?.mark?.(
    `landstock:import-${name}`,
    startTime === undefined ? undefined : { startTime },
  );
};

/** The import flow: files → worker (read) → review → worker (prepare) → one transaction → reload. */
export function createImportActions(ctx: Context): ImportActions {
  let session: ImportSession | null = null;
  /** Kept for a re-read with other options; picked files are read by the session, not here. */
  let files: readonly ImportInput[] = [];

  const update = (patch: Partial<ImportState>) => {
    const current = ctx.getImport();
    if (current) ctx.setImport({ ...current, ...patch });
  };

  const read = async (options: ImportState['options']) => {
    session?.cancel();
    const mine = ctx.services.startImport();
    session = mine;
    update({ phase: 'reading', progress: null, summary: null, error: null, options });
    try {
      mark('read-start');
      const summary = await mine.read(files, options, (progress) => {
        if (session === mine) update({ progress });
      });
      mark('read-end');
      if (session === mine) update({ phase: 'review', summary });
    } catch (error) {
      if (session === mine) update({ phase: 'failed', error: toAppError(error, 'import-failed') });
    }
  };

  /** Only the thresholds (the settings hold more), as plain data for the worker. */
  const thresholdsOf = (): BoundaryErrorThresholds => {
    const { boundaryErrorM2, boundaryErrorShare } = ctx.thresholds();
    return { boundaryErrorM2, boundaryErrorShare };
  };

  const noLayer = () => new AppError('import-failed', 'No layer was chosen, or none had usable polygons.');

  /** The worker prepares and writes (the app): only ids and notes cross to this thread. */
  async function storeInWorker(
    prepareAndStore: NonNullable<ImportSession['prepareAndStore']>,
    choices: LayerChoice[],
  ): Promise<{ layers: { id: string; role: string }[]; notes: ImportNote[] }> {
    // The worker reads the control layers itself: a county's farmland is not cloned through here.
    const stored = await prepareAndStore(choices, ctx.services.now().toISOString(), thresholdsOf());
    // The worker's own timings, as marks: preparing ended `writeMs` before now.
    mark('prepare-end', performance.now() - stored.writeMs);
    if (stored.error) throw new AppError(stored.error.code, stored.error.message);
    if (stored.layers.length === 0) throw noLayer();
    // Written over the worker's connection: tell the other tabs as the repositories would have.
    ctx.services.sync?.post({ layers: stored.layers.map((l) => l.id) });
    return stored;
  }

  /** The session prepares, this thread writes (tests and tools, sessions without a database). */
  async function storeHere(
    current: ImportSession,
    choices: LayerChoice[],
  ): Promise<{ layers: { id: string; role: string }[]; notes: ImportNote[] }> {
    const controls = needsControlLayers(choices) ? await readControlLayers(ctx.repositories.layers) : [];
    const { layers, notes, sources } = await current.prepare(
      choices,
      controls,
      ctx.services.now().toISOString(),
      thresholdsOf(),
    );
    mark('prepare-end');
    if (layers.length === 0) throw noLayer();
    // The raw DBF stays beside the layer (same transaction) so a wrong encoding guess can be corrected later.
    await ctx.repositories.layers.importLayers(
      layers,
      sources.map((source) => ({ key: sourceKey(source.layerId), value: source })),
    );
    return { layers: layers.map((l) => ({ id: l.layer.id, role: l.layer.role })), notes };
  }

  const actions: ImportActions = {
    expectImport() {
      ctx.services.expectImport?.();
    },

    async importPickedFiles(picked) {
      const total = picked.reduce((sum, f) => sum + f.size, 0);
      const names = picked.map((f) => f.name);
      if (total > MAX_INPUT_BYTES) {
        ctx.setImport({
          phase: 'failed',
          fileNames: names,
          progress: null,
          summary: null,
          notes: [],
          error: new AppError(
            'file-too-large',
            `The files total ${Math.round(total / 1048576)} MB; at most ${MAX_INPUT_BYTES / 1048576} MB can be imported at once. Split the data (e.g. by township) and import the parts.`,
          ),
          options: {},
          storedLayerIds: [],
        });
        return;
      }
      await actions.startImport(picked);
    },

    async startImport(newFiles) {
      files = newFiles;
      ctx.setImport({
        phase: 'reading',
        fileNames: newFiles.map((f) => f.name),
        progress: null,
        summary: null,
        notes: [],
        error: null,
        options: {},
        storedLayerIds: [],
      });
      await read({});
    },

    async rereadImport(options) {
      await read({ ...ctx.getImport()?.options, ...options });
    },

    async commitImport(choices) {
      const current = session;
      if (!current || ctx.getImport()?.phase !== 'review') return;
      update({ phase: 'storing', notes: [] });
      try {
        let order = ctx.maxOrder();
        const full: LayerChoice[] = choices.map((c) => ({ ...c, id: newId('L'), order: ++order }));
        mark('prepare-start');
        const { layers, notes } = current.prepareAndStore
          ? await storeInWorker(current.prepareAndStore, full)
          : await storeHere(current, full);
        mark('write-end');
        current.cancel();
        session = null;
        await ctx.reloadLayers(layers.map((l) => l.id));
        mark('reload-end');
        ctx.showLayers(layers.map((l) => l.id));
        if (layers.some((l) => (CONTROL_ROLES as readonly string[]).includes(l.role))) await ctx.recheckAll();
        update({ phase: 'done', notes, storedLayerIds: layers.map((l) => l.id) });
      } catch (error) {
        update({ phase: 'failed', error: toAppError(error, 'import-failed') });
      }
    },

    async hasLayerSource(layerId) {
      return ctx.repositories.meta.has(sourceKey(layerId));
    },

    async changeLayerEncoding(layerId, encoding) {
      // Decoding and rewriting a county's records is heavy: a worker does it where one is wired.
      const done = ctx.services.redecodeLayer
        ? await ctx.services.redecodeLayer(layerId, encoding)
        : await redecodeStoredLayer(ctx.repositories, layerId, encoding);
      if (!done) {
        throw new AppError(
          'not-found',
          'This layer keeps no source attributes; import the file again with another encoding.',
        );
      }
      // Through the store's repositories, so the other tabs hear that the layer was rewritten.
      await ctx.repositories.layers.update(layerId, { encoding });
      await ctx.reloadLayers([layerId]);
    },

    cancelImport() {
      session?.cancel();
      session = null;
      files = [];
      ctx.setImport(null);
    },

    closeImport() {
      session?.cancel();
      session = null;
      files = [];
      ctx.setImport(null);
    },
  };
  return actions;
}
