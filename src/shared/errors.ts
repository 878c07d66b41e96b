/**
 * The one error type of the app. Every failure that can reach the user carries a stable `code`
 * (used to pick the translated message) and optional `details` (plain values for the message).
 */
export type ErrorCode =
  | 'storage-full'
  | 'storage-unavailable'
  | 'storage-upgrade-failed'
  | 'storage-newer-version'
  | 'storage-version-changed'
  | 'storage-deleted'
  | 'edit-conflict'
  | 'import-failed'
  | 'import-cancelled'
  | 'import-timeout'
  | 'file-incomplete'
  | 'file-too-large'
  | 'file-unsupported'
  | 'crs-unknown'
  | 'crs-needs-datum'
  | 'geometry-invalid'
  | 'validation'
  | 'not-found'
  | 'transition-not-allowed'
  | 'internal';

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: Readonly<Record<string, string | number>>;

  constructor(
    code: ErrorCode,
    message: string,
    details: Record<string, string | number> = {},
    cause?: unknown,
  ) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }
}

/** Turns anything thrown (including the strings some libraries throw) into an AppError. */
export function toAppError(thrown: unknown, fallback: ErrorCode = 'internal'): AppError {
  if (thrown instanceof AppError) return thrown;
  if (thrown instanceof Error) return new AppError(fallback, thrown.message, {}, thrown);
  return new AppError(
    fallback,
    typeof thrown === 'string' ? thrown : (JSON.stringify(thrown) ?? String(thrown)),
  );
}
