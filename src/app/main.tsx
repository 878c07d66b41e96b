import 'maplibre-gl/dist/maplibre-gl.css';
import '../ui/styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import type { MapController } from '../map/map-controller';
import { AppStoreContext } from '../ui/use-app-store';
import { App } from './App';
import { createApp } from './boot';
import { registerServiceWorker } from './pwa';
import { installTestHook } from './test-hook';

async function main(): Promise<void> {
  const store = await createApp();
  let controller: MapController | null = null;
  const onMapReady = (c: MapController | null) => {
    controller = c;
  };
  installTestHook(store, () => controller);
  const root = document.getElementById('root');
  if (!root) throw new Error('#root missing from index.html');
  store.subscribe((state) => {
    document.documentElement.lang = state.locale;
  });
  createRoot(root).render(
    <StrictMode>
      <AppStoreContext.Provider value={store}>
        <App onMapReady={onMapReady} />
      </AppStoreContext.Provider>
    </StrictMode>,
  );
  registerServiceWorker(store);
  // The offline basemap (if one is stored) is read beside the boot; the map adds it when it arrives.
  void store.getState().loadOfflineBasemap();
  await store.getState().boot();
  // Ask once per start for persistent storage (RELIABILITY.md §0.11), then show the figures.
  await store.getState().checkStorage({ ask: true });
}

void main();
