import { type ReactNode, useEffect, useState } from 'react';
import { useT } from './i18n';
import { useAppStore } from './use-app-store';

/**
 * The side panel; on a phone (CSS, ≤ 760 px) a bottom sheet over the map: collapsed to its handle
 * so the map gets the screen, opened by the handle or by tapping a parcel, closed by the handle or
 * by closing the parcel. On wider screens the handle is hidden and the panel always shows.
 */
export function SidePanel({ children }: { children: ReactNode }) {
  const t = useT();
  const selectedId = useAppStore((s) => s.selectedId);
  const [open, setOpen] = useState(false);
  // A tapped parcel opens the sheet with its details; closing the parcel closes the sheet.
  useEffect(() => {
    setOpen(selectedId !== null);
  }, [selectedId]);
  return (
    <aside className={`side ${open ? 'sheet-open' : 'sheet-collapsed'}`} data-testid="side-panel">
      <button
        type="button"
        className="sheet-handle"
        data-testid="sheet-handle"
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
      >
        <span className="sheet-grip" aria-hidden="true" />
        <span>{t(open ? 'sheetCollapse' : 'sheetExpand')}</span>
      </button>
      {children}
    </aside>
  );
}
