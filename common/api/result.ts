/** Error codes every channel may return. Messages are user-facing zh-CN text. */
export const ERROR_CODES = [
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'UNKNOWN_CHANNEL',
  'INVALID_INPUT',
  'NOT_FOUND',
  'CONFLICT',
  'DUPLICATE',
  'RULE',
  'INTERNAL',
  /** The database opened read-only after a failed start-up check: nothing can be changed. */
  'READ_ONLY',
  /** The disk (or the database's size limit) is full: the change was rolled back. */
  'DISK_FULL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ApiError {
  code: ErrorCode;
  message: string;
  /** Dotted path of the input field the error belongs to, when there is one. */
  field?: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: ErrorCode, message: string, field?: string): Result<never> => ({
  ok: false,
  error: field === undefined ? { code, message } : { code, message, field },
});

/** Thrown by domain code; the router turns it into `{ok:false,error}`. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}
