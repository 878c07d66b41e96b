import { useT } from '../i18n';

/** Vertex count with undo/redo of the last placed vertex (polygon and split line being drawn). */
export function VertexButtons({
  count,
  redoable,
  onUndo,
  onRedo,
}: {
  count: number;
  redoable: number;
  onUndo: () => void;
  onRedo: () => void;
}) {
  const t = useT();
  return (
    <>
      <span data-testid="draw-vertices">{t('vertices', { count })}</span>
      <button type="button" data-testid="undo-vertex" disabled={count === 0} onClick={onUndo}>
        {t('undoVertex')}
      </button>
      <button type="button" data-testid="redo-vertex" disabled={redoable === 0} onClick={onRedo}>
        {t('redoVertex')}
      </button>
    </>
  );
}

/** The offer to continue a drawing a reload or crash interrupted. */
export function DraftOffer({
  count,
  onContinue,
  onDiscard,
}: {
  count: number;
  onContinue: () => void;
  onDiscard: () => void;
}) {
  const t = useT();
  return (
    <div className="draft-offer" role="status" data-testid="draft-offer">
      <span>{t('draftFound', { count })}</span>
      <button type="button" className="primary" data-testid="draft-continue" onClick={onContinue}>
        {t('draftContinue')}
      </button>
      <button type="button" data-testid="draft-discard" onClick={onDiscard}>
        {t('draftDiscard')}
      </button>
    </div>
  );
}

/** Split tool: hint, finish (at least two vertices) and cancel. */
export function SplitPanel({
  count,
  onFinish,
  onCancel,
}: {
  count: number;
  onFinish: () => void;
  onCancel: () => void;
}) {
  const t = useT();
  return (
    <>
      <span className="muted small">{t('splitHint')}</span>
      <button
        type="button"
        className="primary"
        data-testid="split-finish"
        disabled={count < 2}
        onClick={onFinish}
      >
        {t('finishLine')}
      </button>
      <button type="button" onClick={onCancel} data-testid="draw-cancel">
        {t('cancel')}
      </button>
    </>
  );
}

/** Merge tool: parcels picked on the map so far, then the survivor dialog. */
export function MergePanel({
  count,
  onNext,
  onCancel,
}: {
  count: number;
  onNext: () => void;
  onCancel: () => void;
}) {
  const t = useT();
  return (
    <>
      <span className="muted small">{t('mergeHint')}</span>
      <span data-testid="merge-count">{count}</span>
      <button
        type="button"
        className="primary"
        data-testid="merge-next"
        disabled={count < 2}
        onClick={onNext}
      >
        {t('mergeParcels')}
      </button>
      <button type="button" onClick={onCancel} data-testid="draw-cancel">
        {t('cancel')}
      </button>
    </>
  );
}
