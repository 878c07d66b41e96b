import { useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import { squareMetresToMu } from '../domain/units';
import { useVertexUndo } from './field/vertex-undo';
import { useT } from './i18n';
import { useAppStore } from './use-app-store';

export function Header({
  onOpenSettings,
  onToggleReports,
  onRerunRules,
}: {
  onOpenSettings: () => void;
  /** Opens or closes the reports panel (table, statistics, export, backup). */
  onToggleReports?: () => void;
  /** Opens the re-run-rules dialog. */
  onRerunRules?: () => void;
}) {
  const t = useT();
  const locale = useAppStore((s) => s.locale);
  const setLocale = useAppStore((s) => s.setLocale);
  const parcels = useAppStore((s) => s.parcels);
  const canUndo = useAppStore((s) => s.canUndo);
  const canRedo = useAppStore((s) => s.canRedo);
  const undo = useAppStore((s) => s.undo);
  const redo = useAppStore((s) => s.redo);
  const vertex = useVertexUndo();
  const showError = useAppStore((s) => s.showError);
  const importPicked = useAppStore((s) => s.importPickedFiles);
  const expectImport = useAppStore((s) => s.expectImport);
  const picker = useRef<HTMLInputElement>(null);
  // On a phone the actions fold into a menu (CSS shows the toggle only there).
  const [menuOpen, setMenuOpen] = useState(false);
  const header = useRef<HTMLElement>(null);
  useEffect(() => {
    if (!menuOpen) return;
    // A tap anywhere else (the map, the sheet) or Escape closes the menu.
    const onPointer = (event: PointerEvent) => {
      if (!header.current?.contains(event.target as Node)) setMenuOpen(false);
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') setMenuOpen(false);
    };
    document.addEventListener('pointerdown', onPointer);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('pointerdown', onPointer);
      document.removeEventListener('keydown', onKey);
    };
  }, [menuOpen]);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (target?.closest('input, textarea, select')) return;
      if (!(event.ctrlKey || event.metaKey)) return;
      const key = event.key.toLowerCase();
      if (key === 'z' && !event.shiftKey) undo().catch(showError);
      else if (key === 'y' || (key === 'z' && event.shiftKey)) redo().catch(showError);
      else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [undo, redo, showError]);
  // The count follows the store at once; the county's 亩 is summed in a deferred render of its own
  // (like the legend's and the conflict list's totals), not in the one a store update forces.
  const summed = useDeferredValue(parcels);
  const totalMu = useMemo(() => {
    let m2 = 0;
    for (const p of summed.values()) m2 += p.areaM2;
    return squareMetresToMu(m2);
  }, [summed]);
  return (
    <header ref={header} className={menuOpen ? 'app-header menu-open' : 'app-header'}>
      <div className="brand">
        <strong>{t('appName')}</strong>
        <span className="tagline">{t('appTagline')}</span>
      </div>
      <div className="header-stats" data-testid="parcel-count" data-count={parcels.size}>
        {t('parcelCount', { count: parcels.size.toLocaleString(locale) })}
        <span className="muted">
          {' '}
          · {t('totalArea', { mu: totalMu.toLocaleString(locale, { maximumFractionDigits: 2 }) })}
        </span>
      </div>
      <button
        type="button"
        className="menu-toggle"
        data-testid="menu-toggle"
        aria-expanded={menuOpen}
        aria-controls="header-actions"
        aria-label={t('menu')}
        onClick={() => setMenuOpen((o) => !o)}
      >
        <span aria-hidden="true">☰</span>
      </button>
      {/* biome-ignore lint/a11y/noStaticElementInteractions: closes the phone menu after any of its buttons. */}
      {/* biome-ignore lint/a11y/useKeyWithClickEvents: the buttons inside handle the keyboard themselves. */}
      <div className="header-actions" id="header-actions" onClick={() => setMenuOpen(false)}>
        <input
          ref={picker}
          type="file"
          multiple
          hidden
          data-testid="import-input"
          accept=".zip,.shp,.dbf,.shx,.prj,.cpg,.geojson,.json,.txt"
          onChange={(e) => {
            const files = [...(e.target.files ?? [])];
            e.target.value = '';
            if (files.length > 0) importPicked(files).catch(showError);
          }}
        />
        <button
          type="button"
          className="primary"
          data-testid="import-button"
          onClick={() => {
            // The import's worker warms up while the user picks the files.
            expectImport();
            picker.current?.click();
          }}
        >
          {t('import')}
        </button>
        {/* While a shape is drawn these act on its vertices, like Ctrl+Z/Y do then. */}
        <button
          type="button"
          disabled={vertex ? !vertex.canUndo : !canUndo}
          data-testid="undo"
          title={vertex ? `${t('undoVertex')} (Ctrl+Z)` : 'Ctrl+Z'}
          onClick={() => (vertex ? vertex.undo() : undo().catch(showError))}
        >
          {t('undo')}
        </button>
        <button
          type="button"
          disabled={vertex ? !vertex.canRedo : !canRedo}
          data-testid="redo"
          title={vertex ? `${t('redoVertex')} (Ctrl+Y)` : 'Ctrl+Y'}
          onClick={() => (vertex ? vertex.redo() : redo().catch(showError))}
        >
          {t('redo')}
        </button>
        <button
          type="button"
          title={t('languageTitle')}
          data-testid="language-switch"
          onClick={() => void setLocale(locale === 'zh-CN' ? 'en' : 'zh-CN')}
        >
          {t('language')}
        </button>
        {onToggleReports && (
          <button type="button" data-testid="open-reports" onClick={onToggleReports}>
            {t('reports')}
          </button>
        )}
        {onRerunRules && (
          <button type="button" data-testid="open-rerun" onClick={onRerunRules}>
            {t('rerunRules')}
          </button>
        )}
        <button type="button" data-testid="open-settings" onClick={onOpenSettings}>
          {t('settings')}
        </button>
      </div>
    </header>
  );
}
