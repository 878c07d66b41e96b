import type { Grouping } from '../../domain/indicators';
import { GROUPINGS } from '../../domain/reports/statistics-report';
import { useT } from '../i18n';
import { useAppStore } from '../use-app-store';

/** Chooses the grouping the map is coloured by (the legend follows). */
export function ColorBySelect({ testId }: { testId: string }) {
  const t = useT();
  const colorBy = useAppStore((s) => s.mapColorBy);
  const setColorBy = useAppStore((s) => s.setMapColorBy);
  const showError = useAppStore((s) => s.showError);
  return (
    <label className="inline-field">
      {t('mapColorBy')}
      <select
        value={colorBy}
        data-testid={testId}
        onChange={(e) => setColorBy(e.target.value as Grouping).catch(showError)}
      >
        {GROUPINGS.map((g) => (
          <option key={g} value={g}>
            {t(`group-${g}`)}
          </option>
        ))}
      </select>
    </label>
  );
}
