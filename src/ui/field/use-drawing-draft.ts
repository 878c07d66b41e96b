import { useCallback, useEffect, useRef, useState } from 'react';
import type { GpsFix } from '../../domain/patrol';
import type { LonLat } from '../../map/draw';
import { useAppStore } from '../use-app-store';

/** A half-drawn polygon or half-walked boundary, kept in the drafts table vertex by vertex. */
export type DrawingDraft = { kind: 'polygon'; points: LonLat[] } | { kind: 'walk'; fixes: GpsFix[] };

export const DRAWING_DRAFT_KEY = 'drawing';

export const draftSize = (draft: DrawingDraft): number =>
  draft.kind === 'polygon' ? draft.points.length : draft.fixes.length;

/**
 * The drawing draft: what the last session left (offered once at start) and a save that writes
 * every change at once, in order (a later removal never loses to an earlier write). A reload or a
 * crash loses at most the vertex being placed.
 */
export function useDrawingDraft(): {
  found: DrawingDraft | null;
  dismiss(): void;
  save(draft: DrawingDraft | null): void;
} {
  const loadDraft = useAppStore((s) => s.loadDraft);
  const saveDraft = useAppStore((s) => s.saveDraft);
  const removeDraft = useAppStore((s) => s.removeDraft);
  const showError = useAppStore((s) => s.showError);
  const phase = useAppStore((s) => s.phase);
  const [found, setFound] = useState<DrawingDraft | null>(null);
  const chain = useRef<Promise<unknown>>(Promise.resolve());
  const checked = useRef(false);

  useEffect(() => {
    if (phase !== 'ready' || checked.current) return;
    checked.current = true;
    loadDraft<DrawingDraft>(DRAWING_DRAFT_KEY).then(
      (draft) => {
        if (draft && (draft.kind === 'polygon' || draft.kind === 'walk') && draftSize(draft) > 0)
          setFound(draft);
      },
      () => undefined,
    );
  }, [phase, loadDraft]);

  const save = useCallback(
    (draft: DrawingDraft | null) => {
      chain.current = chain.current
        .then(() =>
          draft && draftSize(draft) > 0
            ? saveDraft(DRAWING_DRAFT_KEY, draft)
            : removeDraft(DRAWING_DRAFT_KEY),
        )
        .catch(showError);
    },
    [saveDraft, removeDraft, showError],
  );

  return { found, dismiss: () => setFound(null), save };
}
