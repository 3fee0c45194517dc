import { Center, Loader, Text } from '@mantine/core';
import type { PDFDocumentProxy, PDFPageProxy, RenderTask } from 'pdfjs-dist';
import { useEffect, useRef, useState, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { isCancelled } from './pdfjs';
import { CSS_PX_PER_POINT, outputScale } from './zoom';

/** A page's size in PDF points (its viewport at scale 1, rotation applied). */
export interface PageSize {
  width: number;
  height: number;
}

export interface PdfPageProps {
  doc: PDFDocumentProxy;
  pageNumber: number;
  zoom: number;
  /** The size to reserve until the page itself has been read. */
  size: PageSize;
  /** Near the view: draw it. Far away: drop the drawing to spare memory. */
  active: boolean;
  onSize(pageNumber: number, size: PageSize): void;
  ref?: Ref<HTMLDivElement>;
}

type State = 'idle' | 'rendering' | 'done' | 'error';

const release = (canvas: HTMLCanvasElement) => {
  canvas.width = 0;
  canvas.height = 0;
};

/**
 * One page of a PDF preview: a white sheet of the page's size, drawn onto a canvas by pdf.js
 * when it comes near the view. A new drawing (after zooming) replaces the old one only when it
 * is complete, so the page never flashes blank.
 */
export function PdfPage({ doc, pageNumber, zoom, size, active, onSize, ref }: PdfPageProps) {
  const { t } = useTranslation();
  const holder = useRef<HTMLDivElement>(null);
  const page = useRef<PDFPageProxy | null>(null);
  const [state, setState] = useState<State>('idle');

  useEffect(() => {
    const target = holder.current;
    if (!target) return;
    if (!active) {
      target.querySelectorAll('canvas').forEach(release);
      target.replaceChildren();
      page.current?.cleanup();
      setState('idle');
      return;
    }
    let cancelled = false;
    let task: RenderTask | null = null;
    let canvas: HTMLCanvasElement | null = null;
    setState((s) => (s === 'done' ? s : 'rendering'));
    void (async () => {
      const proxy = await doc.getPage(pageNumber);
      if (cancelled) return;
      page.current = proxy;
      const base = proxy.getViewport({ scale: 1 });
      onSize(pageNumber, { width: base.width, height: base.height });
      const viewport = proxy.getViewport({ scale: zoom * CSS_PX_PER_POINT });
      const ratio = outputScale(viewport.width, viewport.height, window.devicePixelRatio);
      canvas = document.createElement('canvas');
      canvas.width = Math.max(1, Math.floor(viewport.width * ratio));
      canvas.height = Math.max(1, Math.floor(viewport.height * ratio));
      canvas.style.cssText = 'display:block;width:100%;height:100%';
      task = proxy.render({ canvas, viewport, transform: ratio === 1 ? undefined : [ratio, 0, 0, ratio, 0, 0] });
      await task.promise;
      if (cancelled) return;
      target.querySelectorAll('canvas').forEach(release);
      target.replaceChildren(canvas);
      canvas = null;
      setState('done');
    })().catch((error: unknown) => {
      if (cancelled || isCancelled(error)) return;
      setState('error');
    });
    return () => {
      cancelled = true;
      task?.cancel();
      if (canvas) release(canvas);
    };
  }, [active, doc, pageNumber, zoom, onSize]);

  const label = t('attachments.pdf.page', { page: pageNumber });
  return (
    <div
      ref={ref}
      data-testid="pdf-page"
      data-page-number={pageNumber}
      data-rendered={state === 'done' ? 'true' : 'false'}
      role="img"
      aria-label={label}
      style={{
        position: 'relative',
        flex: 'none',
        width: Math.floor(size.width * zoom * CSS_PX_PER_POINT),
        height: Math.floor(size.height * zoom * CSS_PX_PER_POINT),
        background: 'white',
        boxShadow: '0 1px 3px rgba(0, 0, 0, 0.25)',
      }}
    >
      <div ref={holder} style={{ position: 'absolute', inset: 0 }} />
      {state === 'rendering' && (
        <Center pos="absolute" inset={0}>
          <Loader size="sm" />
        </Center>
      )}
      {state === 'error' && (
        <Center pos="absolute" inset={0} p="md">
          <Text size="sm" c="red.8" ta="center">
            {t('attachments.pdf.pageFailed', { page: pageNumber })}
          </Text>
        </Center>
      )}
    </div>
  );
}
