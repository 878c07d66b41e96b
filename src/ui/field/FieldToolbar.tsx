import { useEffect, useRef, useState } from 'react';
import { type GpsFix, POOR_ACCURACY_M } from '../../domain/patrol';
import { squareMetresToMu } from '../../domain/units';
import type { PolygonGeometry } from '../../geo/geometry.types';
import { useT } from '../i18n';
import { useMapController } from '../map-controller-context';
import { useAppStore } from '../use-app-store';
import { usePosition } from './use-position';

type Tool = 'none' | 'polygon' | 'rectangle' | 'edit' | 'walk';

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
  const { fix, error: gpsError } = usePosition(tool === 'walk');
  const lastAuto = useRef<GpsFix | null>(null);
  const registerUnsavedInput = useAppStore((s) => s.registerUnsavedInput);
  const toolRef = useRef<Tool>('none');
  toolRef.current = tool;
  // A half-drawn or half-walked shape is unsaved input: an app update waits for it.
  useEffect(() => registerUnsavedInput(() => toolRef.current !== 'none'), [registerUnsavedInput]);

  const finishDrawn = (how: 'drawn' | 'walked') => async (geometry: PolygonGeometry) => {
    setTool('none');
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

  const start = (kind: 'polygon' | 'rectangle') => {
    if (!controller) return;
    setAreaM2(0);
    setTool(kind);
    controller.draw.snapping = snapping;
    controller.draw.startDrawing(kind, { onArea: setAreaM2, onFinish: (g) => void finishDrawn('drawn')(g) });
  };

  const startEdit = () => {
    if (!controller || !selected) return;
    const g = selected.geometry;
    if (g.type !== 'Polygon' || g.coordinates.length > 1) {
      pushToast({ kind: 'info', message: 'cannotEditShape' });
      return;
    }
    setTool('edit');
    controller.draw.snapping = snapping;
    const id = selected.id;
    controller.draw.startEditing(g, {
      onArea: setAreaM2,
      onFinish: (geometry) => {
        setTool('none');
        updateGeometry(id, geometry).catch(showError);
      },
    });
  };

  const cancel = () => {
    controller?.draw.cancel();
    controller?.showWalk([]);
    setWalk([]);
    setTool('none');
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

  const finishWalk = () => {
    if (walk.length < 3) return;
    const ring = [...walk.map((p) => [p.lon, p.lat]), [walk[0]?.lon ?? 0, walk[0]?.lat ?? 0]];
    controller?.showWalk([]);
    setWalk([]);
    void finishDrawn('walked')({ type: 'Polygon', coordinates: [ring] });
  };

  const busy = tool !== 'none';
  return (
    <div className="field-toolbar" data-testid="field-toolbar">
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
