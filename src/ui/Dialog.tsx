import type { ReactNode } from 'react';
import { useT } from './i18n';

/** A modal dialog with a title and a close button; every dialog of the app uses it. */
export function Dialog({
  id,
  title,
  onClose,
  wide = false,
  testId,
  children,
}: {
  id: string;
  title: string;
  onClose: () => void;
  wide?: boolean;
  testId?: string;
  children: ReactNode;
}) {
  const t = useT();
  return (
    <div className="dialog-backdrop">
      <div
        className={wide ? 'dialog wide' : 'dialog'}
        role="dialog"
        aria-modal="true"
        aria-labelledby={`${id}-title`}
        data-testid={testId}
      >
        <div className="inspector-head">
          <h2 id={`${id}-title`}>{title}</h2>
          <button type="button" className="icon" aria-label={t('close')} onClick={onClose}>
            ×
          </button>
        </div>
        {children}
      </div>
    </div>
  );
}
