import { AppError, toAppError } from '../shared/errors';

function isQuota(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false;
  const { name, inner } = error as { name?: string; inner?: unknown };
  // Dexie wraps the DOMException: QuotaExceededError may arrive as AbortError with `inner`.
  return name === 'QuotaExceededError' || (inner !== undefined && inner !== error && isQuota(inner));
}

/** Maps whatever IndexedDB/Dexie threw into a typed AppError the UI knows how to show. */
export function toStorageError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (isQuota(error)) {
    return new AppError(
      'storage-full',
      'The browser storage is full: nothing of this change was saved.',
      {},
      error,
    );
  }
  const name = (error as { name?: string } | null)?.name;
  if (name === 'VersionError' || name === 'DatabaseClosedError') {
    return new AppError(
      'storage-version-changed',
      'The database was upgraded or closed by another tab.',
      {},
      error,
    );
  }
  if (name === 'MissingAPIError' || name === 'InvalidStateError' || name === 'OpenFailedError') {
    return new AppError('storage-unavailable', 'Browser storage (IndexedDB) is not available.', {}, error);
  }
  return toAppError(error);
}
