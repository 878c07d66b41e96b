import { type ReactNode, useEffect, useRef, useState } from 'react';
import { useT } from './i18n';
import { useMapController } from './map-controller-context';
import { useAppStore } from './use-app-store';

/**
 * The side panel; on a phone (CSS, ≤ 760 px) a bottom sheet over the map: collapsed to its handle
 * so the map gets the screen, opened by the handle or by tapping a parcel, closed by the handle or
 * by closing the parcel. On wider screens the handle is hidden and the panel always shows.
 */
export function SidePanel({ children }: { children: ReactNode }) {
  const t = useT();
  const selectedId = useAppStore((s) => s.selectedId);
  const selected = useAppStore((s) => s.selected);
  const controller = useMapController();
  const panel = useRef<HTMLElement>(null);
  const [open, setOpen] = useState(false);
  // A tapped parcel opens the sheet with its details; closing the parcel closes the sheet.
  useEffect(() => {
    setOpen(selectedId !== null);
  }, [selectedId]);
  // On a phone the open sheet covers the lower map: bring the selected parcel above it.
  useEffect(() => {
    const sheet = panel.current;
    if (!open || !selected || !controller || !sheet) return;
    if (!window.matchMedia('(max-width: 760px)').matches) return;
    const mapTop = controller.map.getContainer().getBoundingClientRect().top;
    const visibleHeight = sheet.getBoundingClientRect().top - mapTop;
    const point = controller.screenPointOf(selected.geometry);
    if (visibleHeight > 80 && point.y > visibleHeight - 24)
      controller.map.panBy([0, point.y - visibleHeight / 2], { duration: 250 });
  }, [open, selected, controller]);
  return (
    <aside ref={panel} className={`side ${open ? 'sheet-open' : 'sheet-collapsed'}`} data-testid="side-panel">
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
