import { useCallback, useState } from 'react';
import type { MapController } from '../../map/map-controller';
import { useT } from '../i18n';
import { useAppStore } from '../use-app-store';
import { AttributeTable } from './AttributeTable';
import { BackupView } from './BackupView';
import { ExportView } from './ExportView';
import { captureMapImage } from './map-image';
import { PrintReport } from './PrintReport';
import { StatisticsView } from './StatisticsView';

type Tab = 'table' | 'statistics' | 'export' | 'backup';

/** The planner's and reviewer's panel over the lower part of the screen: table, statistics, export, backup. */
export function ReportsPanel({
  onClose,
  mapController,
}: {
  onClose(): void;
  mapController(): MapController | null;
}) {
  const t = useT();
  const report = useAppStore((s) => s.statistics);
  const [tab, setTab] = useState<Tab>('table');
  const [filteredIds, setFilteredIds] = useState<string[] | null>(null);
  const [mapImage, setMapImage] = useState<string | null>(null);
  const onFiltered = useCallback((ids: string[]) => setFilteredIds(ids), []);
  const print = async () => {
    setMapImage(await captureMapImage(mapController()));
    // Let React put the image in the document before the print dialog snapshots it.
    requestAnimationFrame(() => setTimeout(() => window.print(), 50));
  };
  const tabs: [Tab, string][] = [
    ['table', t('rpTabTable')],
    ['statistics', t('rpTabStatistics')],
    ['export', t('rpTabExport')],
    ['backup', t('rpTabBackup')],
  ];
  return (
    <section className="reports-panel" data-testid="reports-panel" aria-label={t('rpTitle')}>
      <div className="reports-head">
        <div className="tabs" role="tablist">
          {tabs.map(([id, text]) => (
            <button
              key={id}
              type="button"
              role="tab"
              aria-selected={tab === id}
              data-testid={`reports-tab-${id}`}
              onClick={() => setTab(id)}
            >
              {text}
            </button>
          ))}
        </div>
        <button type="button" data-testid="reports-close" onClick={onClose}>
          {t('close')}
        </button>
      </div>
      <div className="reports-body">
        <div hidden={tab !== 'table'} className="reports-tab">
          <AttributeTable onFiltered={onFiltered} />
        </div>
        {tab === 'statistics' && <StatisticsView onPrint={() => void print()} />}
        {tab === 'export' && <ExportView filteredIds={filteredIds} />}
        {tab === 'backup' && <BackupView />}
      </div>
      {report && <PrintReport report={report} mapImage={mapImage} />}
    </section>
  );
}
