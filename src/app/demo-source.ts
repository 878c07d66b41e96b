import { wrap } from 'comlink';
import type { Locale } from '../domain/labels';
import type { PreparedLayer } from '../domain/layer';
import type { LayerRole } from '../domain/parcel';
import type { DemoFile } from '../io/demo-layers';
import type { PrepareWorkerApi } from '../workers/prepare.worker';

interface ManifestEntry {
  file: string;
  role: LayerRole;
  name: Record<Locale, string> | string;
}

// The demo county ships with the app as hashed assets (precached for offline use).
const manifests = import.meta.glob<{ layers?: ManifestEntry[]; files?: ManifestEntry[] }>(
  '../../data/demo/manifest.json',
  {
    eager: true,
    import: 'default',
  },
);
const urls = import.meta.glob<string>('../../data/demo/*.geojson', {
  eager: true,
  query: '?url',
  import: 'default',
});

function entries(): ManifestEntry[] {
  const manifest = Object.values(manifests)[0];
  return manifest?.layers ?? manifest?.files ?? [];
}

function nameOf(entry: ManifestEntry): string {
  return typeof entry.name === 'string' ? entry.name : (entry.name['zh-CN'] ?? entry.name.en);
}

/** Fetches the bundled demo files and prepares them in a worker. */
export async function loadDemoLayers(now: Date): Promise<PreparedLayer[]> {
  const files: DemoFile[] = await Promise.all(
    entries().map(async (entry) => {
      const url = urls[`../../data/demo/${entry.file}`];
      if (!url) throw new Error(`Demo file missing from the build: ${entry.file}`);
      const response = await fetch(url);
      if (!response.ok) throw new Error(`Demo file ${entry.file}: HTTP ${response.status}`);
      return { role: entry.role, name: nameOf(entry), text: await response.text() };
    }),
  );
  const worker = new Worker(new URL('../workers/prepare.worker.ts', import.meta.url), { type: 'module' });
  try {
    return await wrap<PrepareWorkerApi>(worker).prepareDemoLayers(files, now.toISOString());
  } finally {
    worker.terminate();
  }
}
