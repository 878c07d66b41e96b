import type { MapController } from '../../map/map-controller';

/**
 * A PNG data URL of the map as drawn now. The map keeps the default `preserveDrawingBuffer: false`
 * (faster), so the canvas is only readable right after a frame is drawn: ask for a repaint and read
 * the canvas inside that frame's 'render' event. Gives null when no frame comes within 3 s.
 */
export function captureMapImage(controller: MapController | null): Promise<string | null> {
  if (!controller) return Promise.resolve(null);
  const map = controller.map;
  return new Promise((resolve) => {
    let done = false;
    const finish = (value: string | null) => {
      if (done) return;
      done = true;
      map.off('render', onRender);
      resolve(value);
    };
    const onRender = () => {
      try {
        finish(map.getCanvas().toDataURL('image/png'));
      } catch {
        finish(null);
      }
    };
    map.on('render', onRender);
    map.triggerRepaint();
    setTimeout(() => finish(null), 3000);
  });
}
