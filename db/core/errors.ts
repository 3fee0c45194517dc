/** Failures of opening or migrating the data store, with a message for the user. */
export class DataCoreError extends Error {
  constructor(
    readonly code: 'KEY_OR_CORRUPT' | 'DB_TOO_NEW' | 'MIGRATION_FAILED' | 'MISSING_FEATURE' | 'DISK_FULL' | 'NETWORK_LOCATION',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'DataCoreError';
  }
}

/** What the user reads when the disk is full; the change it interrupted was rolled back. */
export const DISK_FULL_MESSAGE =
  '磁盘空间不足，本次操作未保存，数据已恢复到操作之前。请清理数据所在磁盘（删除不需要的文件或清空回收站）后重试。';

/** SQLite's "database or disk is full" and the operating system's ENOSPC / EFBIG. */
export function isDiskFull(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EFBIG';
}
