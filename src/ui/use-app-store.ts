import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { AppStore, AppStoreState } from '../store/app-store';

export const AppStoreContext = createContext<AppStore | null>(null);

/** The one place React reads the Zustand store (DESIGN.md: Zustand only in store and one ui hook). */
export function useAppStore<T>(selector: (state: AppStoreState) => T): T {
  const store = useContext(AppStoreContext);
  if (!store) throw new Error('AppStoreContext is missing');
  return useStore(store, selector);
}

/** The store itself, for components that hand it on (the map view). */
export function useAppStoreApi(): AppStore {
  const store = useContext(AppStoreContext);
  if (!store) throw new Error('AppStoreContext is missing');
  return store;
}
