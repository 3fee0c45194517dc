import type { ClientContract } from '../../common/api';
import type { Client } from '../../common/api/client';
import type { ApiError, Result } from '../../common/api/result';

declare global {
  interface Window {
    /** The typed client exposed by the preload (Electron) or the test harness bridge. */
    readonly baomi: Client<ClientContract>;
  }
}

export const api = (): Client<ClientContract> => window.baomi;

/** A refused call, carrying the core's code, Chinese message and field. */
export class ApiFailure extends Error {
  constructor(readonly error: ApiError) {
    super(error.message);
    this.name = 'ApiFailure';
  }
}

export async function unwrap<T>(call: Promise<Result<T>>): Promise<T> {
  const result = await call;
  if (!result.ok) throw new ApiFailure(result.error);
  return result.value;
}

export function messageOf(error: unknown): string {
  if (error instanceof ApiFailure) return error.message;
  if (error instanceof Error) return error.message;
  return String(error);
}
