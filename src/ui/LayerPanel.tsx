import { label } from '../domain/labels';
import type { LayerRecord } from '../domain/layer';
import { CONTROL_COLORS } from '../map/category-colors';
import { useT } from './i18n';
import { useAppStore } from './use-app-store';

function swatch(layer: LayerRecord): string {
  return layer.role === 'parcels' ? '#e8a33d' : CONTROL_COLORS[layer.role];
}

/** Toggles each layer and sets its opacity. */
export function LayerPanel() {
  const t = useT();
  const locale = useAppStore((s) => s.locale);
  const layers = useAppStore((s) => s.layers);
  const setVisible = useAppStore((s) => s.setLayerVisible);
  const setOpacity = useAppStore((s) => s.setLayerOpacity);
  return (
    <section className="panel-section" aria-labelledby="layers-title">
      <h2 id="layers-title">{t('layers')}</h2>
      <ul className="layer-list">
        {layers.map((layer) => (
          <li key={layer.id} data-testid={`layer-${layer.role}`}>
            <label className="layer-toggle">
              <input
                type="checkbox"
                checked={layer.visible}
                onChange={(e) => void setVisible(layer.id, e.target.checked)}
                aria-label={`${t('show')} ${layer.name}`}
              />
              <span className="swatch" style={{ borderColor: swatch(layer) }} />
              <span className="layer-name">{layer.name}</span>
              <span className="muted small">
                {label(locale, 'layerRole', layer.role)} · {layer.featureCount.toLocaleString(locale)}
              </span>
            </label>
            <input
              type="range"
              min={0}
              max={1}
              step={0.05}
              value={layer.opacity}
              aria-label={`${t('opacity')} ${layer.name}`}
              onChange={(e) => void setOpacity(layer.id, Number(e.target.value))}
            />
          </li>
        ))}
      </ul>
    </section>
  );
}
