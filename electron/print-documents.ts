import { randomUUID } from 'node:crypto';

/** Where register documents are served for printing: `app://print/<id>`. */
export const PRINT_ORIGIN = 'app://print';

export interface PrintDocument {
  url: string;
  /** Forgets the document; its URL answers 404 afterwards. */
  release(): void;
}

/**
 * Register documents waiting to be printed or rendered to PDF, held in memory only and
 * served once through the app:// protocol under an unguessable id.
 */
export class PrintDocuments {
  private readonly documents = new Map<string, string>();

  constructor(private readonly newId: () => string = randomUUID) {}

  add(html: string): PrintDocument {
    const id = this.newId();
    this.documents.set(id, html);
    return { url: `${PRINT_ORIGIN}/${id}`, release: () => void this.documents.delete(id) };
  }

  get(id: string): string | undefined {
    return this.documents.get(id);
  }

  get size(): number {
    return this.documents.size;
  }
}
