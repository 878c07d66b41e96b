import { type DataChange, parseDataChange, type SyncService } from '../store/sync';

/**
 * The app's cross-tab channel: a BroadcastChannel named after the database. It carries ids of what
 * changed, never data; each tab re-reads from IndexedDB. Absent where BroadcastChannel is missing.
 */
export function createBroadcastSync(name = 'landstock'): SyncService | undefined {
  if (typeof BroadcastChannel === 'undefined') return undefined;
  const channel = new BroadcastChannel(name);
  const listeners = new Set<(change: DataChange) => void>();
  channel.onmessage = (event: MessageEvent<unknown>) => {
    const change = parseDataChange(event.data);
    if (change) for (const listener of listeners) listener(change);
  };
  return {
    post(change) {
      try {
        channel.postMessage(change);
      } catch {
        // A closed channel (page unloading): the other tabs re-read everything when they next boot.
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
