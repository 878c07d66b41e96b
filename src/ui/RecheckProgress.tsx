import { useT } from './i18n';
import { useAppStore } from './use-app-store';

/** Progress and cancel of re-checking every parcel after a control layer changed. */
export function RecheckProgress() {
  const t = useT();
  const progress = useAppStore((s) => s.recheckProgress);
  const cancel = useAppStore((s) => s.cancelRecheck);
  if (progress === null) return null;
  return (
    <div className="busy" role="status" data-testid="recheck-progress">
      {t('rechecking', { percent: Math.round(progress * 100) })} <progress max={1} value={progress} />{' '}
      <button type="button" onClick={cancel}>
        {t('cancel')}
      </button>
    </div>
  );
}
