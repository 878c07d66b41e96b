import { useEffect, useRef, useState } from 'react';
import { type GpsFix, POOR_ACCURACY_M } from '../../domain/patrol';
import { squareMetresToMu } from '../../domain/units';
import type { PolygonGeometry } from '../../geo/geometry.types';
import type { DrawCallbacks, LonLat } from '../../map/draw';
import { AppError } from '../../shared/errors';
import { useT } from '../i18n';
import { useMapController } from '../map-controller-context';
import { useAppStore } from '../use-app-store';
import { MergeDialog } from './MergeDialog';
import { DraftOffer, MergePanel, SplitPanel, VertexButtons } from './ShapeToolPanels';
import { draftSize, useDrawingDraft } from './use-drawing-draft';
import { usePosition } from './use-position';
import { publishVertexUndo } from './vertex-undo';

type Tool = 'none' | 'polygon' | 'rectangle' | 'edit' | 'walk' | 'split' | 'merge';

/** Metres between two fixes (equirectangular: fine at walking distances). */
function metresBetween(a: GpsFix, b: GpsFix): number {
  const lat = ((a.lat + b.lat) / 2) * (Math.PI / 180);
  return Math.hypot((b.lon - a.lon) * 111_320 * Math.cos(lat), (b.lat - a.lat) * 110_574);
}

/** Draw, edit, delete and walk parcels in the field; the new area shows live. */
export function FieldToolbar() {
  const t = useT();
  const controller = useMapController();
  const selected = useAppStore((s) => s.selected);
  const createParcel = useAppStore((s) => s.createParcel);
  const updateGeometry = useAppStore((s) => s.updateGeometry);
  const deleteParcel = useAppStore((s) => s.deleteParcel);
  const focusParcel = useAppStore((s) => s.focusParcel);
  const showError = useAppStore((s) => s.showError);
  const pushToast = useAppStore((s) => s.pushToast);
  const [tool, setTool] = useState<Tool>('none');
  const [areaM2, setAreaM2] = useState(0);
  const [snapping, setSnapping] = useState(true);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [walk, setWalk] = useState<GpsFix[]>([]);
  const [autoMetres, setAutoMetres] = useState(0);
  const splitParcel = useAppStore((s) => s.splitParcel);
  const mergeParcels = useAppStore((s) => s.mergeParcels);
  const selectedId = useAppStore((s) => s.selectedId);
  const [vertices, setVertices] = useState(0);
  const [redoable, setRedoable] = useState(0);
  const [picks, setPicks] = useState<string[]>([]);
  const [mergeOpen, setMergeOpen] = useState(false);
  const draft = useDrawingDraft();
  const { fix, error: gpsError } = usePosition(tool === 'walk');
  const lastAuto = useRef<GpsFix | null>(null);
  const registerUnsavedInput = useAppStore((s) => s.registerUnsavedInput);
  const toolRef = useRef<Tool>('none');
  toolRef.current = tool;
  // A half-drawn or half-walked shape is unsaved input: an app update waits for it.
  useEffect(() => registerUnsavedInput(() => toolRef.current !== 'none'), [registerUnsavedInput]);

  const finishDrawn = (how: 'drawn' | 'walked') => async (geometry: PolygonGeometry) => {
    setTool('none');
    draft.save(null);
    try {
      const record = await createParcel(geometry, how);
      pushToast({
        kind: 'info',
        message: 'parcelSaved',
        details: { mu: squareMetresToMu(record.areaM2).toFixed(2) },
      });
      await focusParcel(record.id);
    } catch (error) {
      showError(error);
    }
  };

  /** Polygon callbacks: live area, the vertices saved as a draft after every click, undo and redo. */
  const polygonCallbacks = (): DrawCallbacks => ({
    onArea: setAreaM2,
    onFinish: (g) => void finishDrawn('drawn')(g),
    onVertices: (points: LonLat[]) => {
      setVertices(points.length);
      draft.save({ kind: 'polygon', points });
    },
  });

  const start = (kind: 'polygon' | 'rectangle') => {
    if (!controller) return;
    setAreaM2(0);
    setVertices(0);
    setRedoable(0);
    setTool(kind);
    controller.draw.snapping = snapping;
    if (kind === 'polygon') controller.draw.startDrawing(kind, polygonCallbacks());
    else
      controller.draw.startDrawing(kind, {
        onArea: setAreaM2,
        onFinish: (g) => void finishDrawn('drawn')(g),
      });
  };

  const resumeDraft = () => {
    const found = draft.found;
    draft.dismiss();
    if (!controller || !found) return;
    if (found.kind === 'walk') {
      setWalk(found.fixes);
      setTool('walk');
      return;
    }
    setAreaM2(0);
    setRedoable(0);
    setTool('polygon');
    controller.draw.snapping = snapping;
    controller.draw.resumePolygon(found.points, polygonCallbacks());
  };

  const startSplit = () => {
    if (!controller || !selected) return;
    const id = selected.id;
    setVertices(0);
    setRedoable(0);
    setTool('split');
    controller.draw.snapping = snapping;
    controller.draw.startLine({
      onVertices: (points) => setVertices(points.length),
      onFinish: (line) => {
        setTool('none');
        splitParcel(id, line)
          .then(async (parts) => {
            pushToast({ kind: 'info', message: 'splitDone', details: { count: parts.length } });
            if (parts[0]) await focusParcel(parts[0].id);
          })
          .catch(shapeError('split'));
      },
    });
  };

  /** Split and merge refusals carry a reason with its own message; other errors as usual. */
  const shapeError = (prefix: 'split' | 'merge') => (error: unknown) => {
    const reason = error instanceof AppError ? error.details.reason : undefined;
    if (typeof reason === 'string') pushToast({ kind: 'error', message: `${prefix}-${reason}` });
    else showError(error);
  };

  const startMerge = () => {
    if (!selected) return;
    setPicks([selected.id]);
    setTool('merge');
  };

  // While merging, every parcel clicked on the map joins (or leaves) the picks.
  useEffect(() => {
    if (toolRef.current !== 'merge' || !selectedId) return;
    setPicks((p) =>
      p.includes(selectedId) ? (p.length > 1 ? p.filter((x) => x !== selectedId) : p) : [...p, selectedId],
    );
  }, [selectedId]);

  const merge = (survivorId: string) => {
    setMergeOpen(false);
    setTool('none');
    const others = picks.filter((p) => p !== survivorId);
    setPicks([]);
    mergeParcels(survivorId, others)
      .then(async (record) => {
        pushToast({ kind: 'info', message: 'mergeDone', details: { code: record.facts.code ?? record.id } });
        await focusParcel(record.id);
      })
      .catch(shapeError('merge'));
  };

  const undoVertex = () => {
    if (controller?.draw.undoVertex()) setRedoable((n) => n + 1);
  };
  const redoVertex = () => {
    if (redoable > 0 && controller?.draw.redoVertex()) setRedoable((n) => n - 1);
  };
  // Ctrl+Z / Ctrl+Y while drawing act on the vertices, before the header's undo of finished edits.
  const vertexKeys = useRef({ undoVertex, redoVertex });
  vertexKeys.current = { undoVertex, redoVertex };
  // The header's undo/redo buttons act on the vertices too while a shape is drawn.
  const drawingShape = tool === 'polygon' || tool === 'split';
  useEffect(() => {
    if (!drawingShape) return;
    publishVertexUndo({
      undo: () => vertexKeys.current.undoVertex(),
      redo: () => vertexKeys.current.redoVertex(),
      canUndo: vertices > 0,
      canRedo: redoable > 0,
    });
    return () => publishVertexUndo(null);
  }, [drawingShape, vertices, redoable]);
  useEffect(() => {
    if (tool !== 'polygon' && tool !== 'split') return;
    const onKey = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey)) return;
      const key = event.key.toLowerCase();
      if (key === 'z' && !event.shiftKey) vertexKeys.current.undoVertex();
      else if (key === 'y' || (key === 'z' && event.shiftKey)) vertexKeys.current.redoVertex();
      else return;
      event.preventDefault();
      event.stopImmediatePropagation();
    };
    window.addEventListener('keydown', onKey, { capture: true });
    return () => window.removeEventListener('keydown', onKey, { capture: true });
  }, [tool]);

  const startEdit = () => {
    if (!controller || !selected) return;
    const g = selected.geometry;
    if (g.type !== 'Polygon' || g.coordinates.length > 1) {
      pushToast({ kind: 'info', message: 'cannotEditShape' });
      return;
    }
    controller.draw.snapping = snapping;
    const id = selected.id;
    const refused = controller.draw.startEditing(g, {
      onArea: setAreaM2,
      onFinish: (geometry) => {
        setTool('none');
        updateGeometry(id, geometry).catch(showError);
      },
    });
    // A shape the editor cannot load (e.g. self-intersecting) is left exactly as it is.
    if (refused !== null) {
      pushToast({ kind: 'info', message: 'cannotEditInvalidShape' });
      return;
    }
    setTool('edit');
  };

  const cancel = () => {
    controller?.draw.cancel();
    controller?.showWalk([]);
    setWalk([]);
    setPicks([]);
    setTool('none');
    draft.save(null);
  };

  // Walking: add fixes on tap, or automatically every N metres.
  useEffect(() => {
    if (tool !== 'walk' || !fix || autoMetres <= 0) return;
    const last = lastAuto.current;
    if (last && metresBetween(last, fix) < autoMetres) return;
    lastAuto.current = fix;
    setWalk((w) => [...w, fix]);
  }, [fix, tool, autoMetres]);
  useEffect(() => {
    if (tool === 'walk' || walk.length > 0) controller?.showWalk(walk.map((p) => [p.lon, p.lat]));
  }, [walk, controller, tool]);
  // Every walked vertex is kept as a draft at once.
  const saveDraft = draft.save;
  useEffect(() => {
    if (tool === 'walk') saveDraft({ kind: 'walk', fixes: walk });
  }, [walk, tool, saveDraft]);

  const finishWalk = () => {
    if (walk.length < 3) return;
    const ring = [...walk.map((p) => [p.lon, p.lat]), [walk[0]?.lon ?? 0, walk[0]?.lat ?? 0]];
    controller?.showWalk([]);
    setWalk([]);
    setTool('none');
    void finishDrawn('walked')({ type: 'Polygon', coordinates: [ring] });
  };

  const busy = tool !== 'none';
  return (
    <div className="field-toolbar" data-testid="field-toolbar">
      {!busy && draft.found && (
        <DraftOffer
          count={draftSize(draft.found)}
          onContinue={resumeDraft}
          onDiscard={() => {
            draft.dismiss();
            draft.save(null);
          }}
        />
      )}
      {!busy && (
        <>
          <button type="button" data-testid="draw-polygon" onClick={() => start('polygon')}>
            {t('drawPolygon')}
          </button>
          <button type="button" data-testid="draw-rectangle" onClick={() => start('rectangle')}>
            {t('drawRectangle')}
          </button>
          <button type="button" data-testid="walk-start" onClick={() => setTool('walk')}>
            {t('walkBoundary')}
          </button>
          {selected && (
            <>
              <button type="button" data-testid="edit-shape" onClick={startEdit}>
                {t('editShape')}
              </button>
              <button type="button" data-testid="split-parcel" onClick={startSplit}>
                {t('splitParcel')}
              </button>
              <button type="button" data-testid="merge-parcels" onClick={startMerge}>
                {t('mergeParcels')}
              </button>
              <button
                type="button"
                className="danger"
                data-testid="delete-parcel"
                onClick={() => setConfirmDelete(true)}
              >
                {t('deleteParcel')}
              </button>
            </>
          )}
          <label className="snap-toggle">
            <input type="checkbox" checked={snapping} onChange={(e) => setSnapping(e.target.checked)} />{' '}
            {t('snapping')}
          </label>
        </>
      )}
      {(tool === 'polygon' || tool === 'rectangle' || tool === 'edit') && (
        <>
          <span className="live-area" data-testid="live-area">
            {squareMetresToMu(areaM2).toFixed(2)} {t('unitMu')}
          </span>
          <span className="muted small">{t(tool === 'edit' ? 'editHint' : 'drawHint')}</span>
          {tool === 'polygon' && (
            <VertexButtons count={vertices} redoable={redoable} onUndo={undoVertex} onRedo={redoVertex} />
          )}
          {tool === 'edit' && (
            <button
              type="button"
              className="primary"
              data-testid="edit-done"
              onClick={() => controller?.draw.finishEditing()}
            >
              {t('save')}
            </button>
          )}
          <button type="button" onClick={cancel} data-testid="draw-cancel">
            {t('cancel')}
          </button>
        </>
      )}
      {tool === 'split' && (
        <>
          <VertexButtons count={vertices} redoable={redoable} onUndo={undoVertex} onRedo={redoVertex} />
          <SplitPanel count={vertices} onFinish={() => controller?.draw.finishLine()} onCancel={cancel} />
        </>
      )}
      {tool === 'merge' && (
        <MergePanel count={picks.length} onNext={() => setMergeOpen(true)} onCancel={cancel} />
      )}
      {mergeOpen && <MergeDialog ids={picks} onClose={() => setMergeOpen(false)} onMerge={merge} />}
      {tool === 'walk' && (
        <div className="walk" data-testid="walk-panel">
          <span data-testid="walk-fix">
            {fix
              ? `${t('accuracy')} ±${fix.accuracyM.toFixed(0)} m${fix.accuracyM > POOR_ACCURACY_M ? ` · ${t('poorAccuracy')}` : ''}`
              : gpsError
                ? t('gpsError', { text: gpsError })
                : t('waitingForGps')}
          </span>
          <button
            type="button"
            className="primary"
            data-testid="walk-add"
            disabled={!fix}
            onClick={() => fix && setWalk((w) => [...w, fix])}
          >
            {t('addVertex')}
          </button>
          <label>
            {t('autoEvery')}{' '}
            <select value={autoMetres} onChange={(e) => setAutoMetres(Number(e.target.value))}>
              <option value={0}>—</option>
              <option value={5}>5 m</option>
              <option value={10}>10 m</option>
              <option value={20}>20 m</option>
            </select>
          </label>
          <span data-testid="walk-count">{t('vertices', { count: walk.length })}</span>
          {walk.some((p) => p.accuracyM > POOR_ACCURACY_M) && (
            <span className="field-error">{t('somePoorFixes')}</span>
          )}
          <button type="button" data-testid="walk-finish" disabled={walk.length < 3} onClick={finishWalk}>
            {t('finishWalk')}
          </button>
          <button type="button" onClick={cancel}>
            {t('cancel')}
          </button>
        </div>
      )}
      {confirmDelete && selected && (
        <div className="confirm" role="alertdialog" aria-label={t('deleteParcel')}>
          <span>{t('deleteConfirm', { code: selected.facts.code ?? selected.id })}</span>
          <button
            type="button"
            className="danger"
            data-testid="confirm-delete"
            onClick={() => {
              setConfirmDelete(false);
              deleteParcel(selected.id).catch(showError);
            }}
          >
            {t('deleteParcel')}
          </button>
          <button type="button" onClick={() => setConfirmDelete(false)}>
            {t('cancel')}
          </button>
        </div>
      )}
    </div>
  );
}
