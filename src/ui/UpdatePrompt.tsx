import { useEffect, useState } from 'react';
import { useT } from './i18n';
import { useAppStore } from './use-app-store';

/** How often the prompt re-reads the unsaved-input checks (they are plain functions, not state). */
const RECHECK_MS = 1000;

/**
 * "A new version is available": never reloads on its own. With unsaved input it says so and asks
 * the user to save first; updating anyway needs a second, explicit confirmation. "Later" keeps the
 * running version (the old service worker keeps serving it).
 */
export function UpdatePrompt() {
  const t = useT();
  const status = useAppStore((s) => s.updateStatus);
  const importOpen = useAppStore((s) => s.importState !== null);
  const hasUnsavedInput = useAppStore((s) => s.hasUnsavedInput);
  const applyUpdate = useAppStore((s) => s.applyUpdate);
  const declineUpdate = useAppStore((s) => s.declineUpdate);
  const [checked, setChecked] = useState(false);
  const [confirming, setConfirming] = useState(false);

  useEffect(() => {
    if (status !== 'waiting') return;
    const read = () => setChecked(hasUnsavedInput());
    read();
    const timer = setInterval(read, RECHECK_MS);
    return () => clearInterval(timer);
  }, [status, hasUnsavedInput]);
  const unsaved = importOpen || checked;

  if (status === 'failed') {
    return (
      <div className="update-prompt" role="status" data-testid="update-failed">
        <span>{t('updateFailed')}</span>
        <div className="update-actions">
          <button type="button" onClick={declineUpdate}>
            {t('close')}
          </button>
        </div>
      </div>
    );
  }
  if (status !== 'waiting' && status !== 'applying') return null;
  if (status === 'applying') {
    return (
      <div className="update-prompt" role="status" data-testid="update-prompt">
        <span>{t('updating')}</span>
      </div>
    );
  }

  const update = () => {
    if (hasUnsavedInput()) {
      setChecked(true);
      setConfirming(true);
      return;
    }
    applyUpdate();
  };

  return (
    <div
      className="update-prompt"
      role="alertdialog"
      aria-labelledby="update-title"
      data-testid="update-prompt"
    >
      <strong id="update-title">{t('updateAvailable')}</strong>
      {confirming ? (
        <>
          <p data-testid="update-still-unsaved">{t('updateStillUnsaved')}</p>
          <div className="update-actions">
            <button type="button" className="danger" data-testid="update-anyway" onClick={applyUpdate}>
              {t('updateAnyway')}
            </button>
            <button type="button" onClick={() => setConfirming(false)}>
              {t('back')}
            </button>
          </div>
        </>
      ) : (
        <>
          {unsaved && <p data-testid="update-unsaved">{t('updateUnsaved')}</p>}
          <div className="update-actions">
            <button type="button" className="primary" data-testid="update-now" onClick={update}>
              {t(unsaved ? 'updateAfterSaving' : 'updateNow')}
            </button>
            <button type="button" data-testid="update-later" onClick={declineUpdate}>
              {t('updateLater')}
            </button>
          </div>
        </>
      )}
    </div>
  );
}
