import { useCallback, useState } from 'react';
import type { MapController } from '../map/map-controller';
import { ConflictList } from '../ui/ConflictList';
import { ErrorBoundary } from '../ui/ErrorBoundary';
import { FieldToolbar } from '../ui/field/FieldToolbar';
import { Header } from '../ui/Header';
import { ImportDialog } from '../ui/ImportDialog';
import { Inspector } from '../ui/Inspector';
import { useT } from '../ui/i18n';
import { LayerPanel } from '../ui/LayerPanel';
import { Legend } from '../ui/Legend';
import { MapView } from '../ui/MapView';
import { MapControllerContext } from '../ui/map-controller-context';
import { Notices } from '../ui/Notices';
import { RecheckProgress } from '../ui/RecheckProgress';
import { RerunRulesDialog } from '../ui/RerunRulesDialog';
import { ReportsPanel } from '../ui/reports/ReportsPanel';
import { SettingsDialog } from '../ui/SettingsDialog';
import { SidePanel } from '../ui/SidePanel';
import { StorageNotice } from '../ui/StorageStatus';
import { UpdatePrompt } from '../ui/UpdatePrompt';
import { useAppStore } from '../ui/use-app-store';

function BootFailed() {
  const t = useT();
  const error = useAppStore((s) => s.bootError);
  return (
    <div className="boot-failed" role="alert">
      <h1>{t('bootFailed')}</h1>
      {/* A full disk or a failed upgrade is not "storage unavailable": say what it is and what to do. */}
      <p>
        {error?.code === 'storage-full' ||
        error?.code === 'storage-upgrade-failed' ||
        error?.code === 'storage-newer-version'
          ? t(error.code, error.details)
          : t('bootFailedHelp')}
      </p>
      <p className="muted small">{error?.message}</p>
      <button type="button" onClick={() => window.location.reload()}>
        {t('reload')}
      </button>
    </div>
  );
}

/** The whole screen: header, map, and the side panel (a bottom sheet on phones). */
export function App({ onMapReady }: { onMapReady?: (controller: MapController | null) => void }) {
  const t = useT();
  const phase = useAppStore((s) => s.phase);
  const busy = useAppStore((s) => s.busy);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const closeSettings = useCallback(() => setSettingsOpen(false), []);
  const [reportsOpen, setReportsOpen] = useState(false);
  const [controller, setController] = useState<MapController | null>(null);
  const [rerunOpen, setRerunOpen] = useState(false);
  const onReady = useCallback(
    (c: MapController | null) => {
      setController(c);
      onMapReady?.(c);
    },
    [onMapReady],
  );
  if (phase === 'failed') return <BootFailed />;
  return (
    <ErrorBoundary fallback={<p className="boot-failed">{t('errorBoundary')}</p>}>
      <div className="app" data-phase={phase}>
        <Header
          onOpenSettings={() => setSettingsOpen(true)}
          onToggleReports={() => setReportsOpen((o) => !o)}
          onRerunRules={() => setRerunOpen(true)}
        />
        <main className="app-main">
          <Notices />
          {busy && busy !== 'rechecking' && (
            <div className="busy" role="status">
              {t(busy === 'loading-demo' ? 'loadingDemo' : busy === 'resetting' ? 'resetting' : 'loading')}
            </div>
          )}
          <RecheckProgress />
          <MapControllerContext.Provider value={controller}>
            <div className="map-column">
              <FieldToolbar />
              <MapView onReady={onReady} />
            </div>
            <SidePanel>
              <StorageNotice />
              <Inspector />
              <LayerPanel />
              <Legend />
              <ConflictList />
            </SidePanel>
          </MapControllerContext.Provider>
        </main>
        {reportsOpen && (
          <ReportsPanel onClose={() => setReportsOpen(false)} mapController={() => controller} />
        )}
        {settingsOpen && <SettingsDialog onClose={closeSettings} />}
        {rerunOpen && <RerunRulesDialog onClose={() => setRerunOpen(false)} />}
        <ImportDialog />
        <UpdatePrompt />
      </div>
    </ErrorBoundary>
  );
}
