import 'maplibre-gl/dist/maplibre-gl.css';
import '../ui/styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import type { MapController } from '../map/map-controller';
import { AppStoreContext } from '../ui/use-app-store';
import { App } from './App';
import { createApp } from './boot';
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
  await store.getState().boot();
}

void main();
