import { useEffect, useState } from 'react';

/**
 * A blob: URL for bytes held in memory, revoked when the bytes change or the component goes away.
 * The CSP admits blob: for images only (electron/csp.ts).
 */
export function useObjectUrl(bytes: Uint8Array<ArrayBuffer> | undefined, type: string | undefined): string | null {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!bytes || !type) return;
    const created = URL.createObjectURL(new Blob([bytes], { type }));
    setUrl(created);
    return () => {
      URL.revokeObjectURL(created);
      setUrl(null);
    };
  }, [bytes, type]);
  return url;
}
