import { useState } from 'react';
import { squareMetresToMu } from '../../domain/units';
import { Dialog } from '../Dialog';
import { useT } from '../i18n';
import { useAppStore } from '../use-app-store';

/** Choose which of the picked parcels survives a merge (its id and attributes are kept). */
export function MergeDialog({
  ids,
  onClose,
  onMerge,
}: {
  ids: readonly string[];
  onClose: () => void;
  onMerge: (survivorId: string) => void;
}) {
  const t = useT();
  const parcels = useAppStore((s) => s.parcels);
  const [survivor, setSurvivor] = useState(ids[0] ?? '');
  return (
    <Dialog
      id="merge"
      title={t('mergeChoose', { count: ids.length })}
      onClose={onClose}
      testId="merge-dialog"
    >
      <p>{t('mergeSurvivor')}</p>
      <ul className="merge-list">
        {ids.map((id) => {
          const summary = parcels.get(id);
          return (
            <li key={id}>
              <label>
                <input
                  type="radio"
                  name="merge-survivor"
                  value={id}
                  data-testid={`merge-survivor-${id}`}
                  checked={survivor === id}
                  onChange={() => setSurvivor(id)}
                />{' '}
                {summary?.code ?? id} · {squareMetresToMu(summary?.areaM2 ?? 0).toFixed(2)} {t('unitMu')}
              </label>
            </li>
          );
        })}
      </ul>
      <div className="form-actions">
        <button type="button" onClick={onClose}>
          {t('cancel')}
        </button>
        <button
          type="button"
          className="primary"
          data-testid="merge-confirm"
          disabled={!survivor || ids.length < 2}
          onClick={() => onMerge(survivor)}
        >
          {t('mergeParcels')}
        </button>
      </div>
    </Dialog>
  );
}
