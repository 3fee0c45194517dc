/** Failures of opening or migrating the data store, with a message for the user. */
export class DataCoreError extends Error {
  constructor(
    readonly code: 'KEY_OR_CORRUPT' | 'DB_TOO_NEW' | 'MIGRATION_FAILED' | 'MISSING_FEATURE',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'DataCoreError';
  }
}
