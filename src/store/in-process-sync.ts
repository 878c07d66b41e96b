import { type DataChange, parseDataChange, type SyncService } from './sync';

/**
 * The cross-tab channel on the calling thread, for tests and tools (the app uses a
 * BroadcastChannel, app/sync-service.ts). Like a BroadcastChannel, a message reaches every other
 * connection, never its sender, later (a task, not synchronously), and as a structured clone.
 */
export function createSyncHub(): { connect(): SyncService } {
  const connections = new Set<Set<(change: DataChange) => void>>();
  return {
    connect() {
      const listeners = new Set<(change: DataChange) => void>();
      connections.add(listeners);
      return {
        post(change) {
          const copy = structuredClone(change);
          for (const other of connections) {
            if (other === listeners) continue;
            setTimeout(() => {
              const parsed = parseDataChange(copy);
              if (parsed) for (const listener of other) listener(parsed);
            }, 0);
          }
        },
        subscribe(listener) {
          listeners.add(listener);
          return () => listeners.delete(listener);
        },
      };
    },
  };
}
