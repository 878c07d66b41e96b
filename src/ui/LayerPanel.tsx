import { useEffect, useState } from 'react';
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
  const hasSource = useAppStore((s) => s.hasLayerSource);
  const changeEncoding = useAppStore((s) => s.changeLayerEncoding);
  const showError = useAppStore((s) => s.showError);
  const [withSource, setWithSource] = useState<Set<string>>(new Set());
  // Layers whose attributes are being re-decoded (in a worker): their switch waits until it is done.
  const [switching, setSwitching] = useState<ReadonlySet<string>>(new Set());
  const switchEncoding = (layerId: string, encoding: string) => {
    setSwitching((s) => new Set(s).add(layerId));
    changeEncoding(layerId, encoding)
      .catch(showError)
      .finally(() =>
        setSwitching((s) => {
          const next = new Set(s);
          next.delete(layerId);
          return next;
        }),
      );
  };
  useEffect(() => {
    let live = true;
    Promise.all(layers.map(async (l) => ((await hasSource(l.id)) ? l.id : null))).then(
      (ids) => live && setWithSource(new Set(ids.filter((id): id is string => id !== null))),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [layers, hasSource]);
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
            {withSource.has(layer.id) && (
              <label className="encoding-switch">
                <span className="muted small">{t('attributeEncoding')}</span>{' '}
                <select
                  value={(layer.encoding ?? '').toLowerCase()}
                  data-testid={`encoding-${layer.id}`}
                  disabled={switching.has(layer.id)}
                  aria-busy={switching.has(layer.id)}
                  onChange={(e) => switchEncoding(layer.id, e.target.value)}
                >
                  {!['gbk', 'gb18030', 'utf-8', 'big5'].includes((layer.encoding ?? '').toLowerCase()) && (
                    <option value={(layer.encoding ?? '').toLowerCase()}>{layer.encoding}</option>
                  )}
                  {['gbk', 'gb18030', 'utf-8', 'big5'].map((e) => (
                    <option key={e} value={e}>
                      {e.toUpperCase()}
                    </option>
                  ))}
                </select>
              </label>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
