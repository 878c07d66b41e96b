import { useEffect } from 'react';
import { useT } from './i18n';
import { useAppStore } from './use-app-store';

/** Toasts (disappear) and the lasting banner (storage full, upgraded elsewhere). */
export function Notices() {
  const t = useT();
  const toasts = useAppStore((s) => s.toasts);
  const banner = useAppStore((s) => s.banner);
  const dismiss = useAppStore((s) => s.dismissToast);
  useEffect(() => {
    if (toasts.length === 0) return;
    const oldest = toasts[0];
    const timer = setTimeout(() => oldest && dismiss(oldest.id), 8000);
    return () => clearTimeout(timer);
  }, [toasts, dismiss]);
  return (
    <>
      {banner && (
        <div className="banner" role="alert" data-testid="banner">
          {t(banner.code, { text: banner.message })}
        </div>
      )}
      <div className="toasts" aria-live="polite">
        {toasts.map((toast) => (
          <div
            key={toast.id}
            className={`toast ${toast.kind}`}
            role={toast.kind === 'error' ? 'alert' : 'status'}
          >
            <span>{t(toast.message, toast.details)}</span>
            <button
              type="button"
              className="icon"
              aria-label={t('dismiss')}
              onClick={() => dismiss(toast.id)}
            >
              ×
            </button>
          </div>
        ))}
      </div>
    </>
  );
}
