import { useSyncExternalStore } from 'react';

/**
 * While a shape is being drawn, "undo" means the last placed vertex, not the last finished edit.
 * The field toolbar (which owns the drawing) publishes its vertex undo here; the header's undo and
 * redo buttons use it while it is set. UI-only state: nothing of it is stored.
 */
export interface VertexUndo {
  undo(): void;
  redo(): void;
  canUndo: boolean;
  canRedo: boolean;
}

let current: VertexUndo | null = null;
const listeners = new Set<() => void>();

export function publishVertexUndo(handlers: VertexUndo | null): void {
  current = handlers;
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The vertex undo of the drawing in progress, or null when nothing is being drawn. */
export function useVertexUndo(): VertexUndo | null {
  return useSyncExternalStore(subscribe, () => current);
}
