import { ActionIcon, Alert, Button, Center, Group, Loader, Stack, Text, Tooltip } from '@mantine/core';
import { IconArrowAutofitWidth, IconChevronDown, IconChevronUp, IconFileAlert, IconZoomIn, IconZoomOut } from '@tabler/icons-react';
import type { PDFDocumentLoadingTask, PDFDocumentProxy } from 'pdfjs-dist';
import { useCallback, useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { PdfPage, type PageSize } from './PdfPage';
import { isFileError, openPdf } from './pdfjs';
import { clampPage, fitWidthZoom, pageAt, zoomIn, zoomOut, type Zoom } from './zoom';

type Load =
  | { status: 'loading' }
  | { status: 'ready'; doc: PDFDocumentProxy; firstSize: PageSize }
  | { status: 'error'; fileError: boolean };

/**
 * A PDF attachment drawn by pdf.js: page 1 at once, the other pages as they come near the view.
 * The document and its worker are released when the viewer goes away (the preview closes) or is
 * given other bytes.
 */
export function PdfViewer({ bytes, name }: { bytes: Uint8Array; name: string }) {
  const { t } = useTranslation();
  const [load, setLoad] = useState<Load>({ status: 'loading' });

  useEffect(() => {
    let closed = false;
    let task: PDFDocumentLoadingTask | null = null;
    let opened = false;
    setLoad({ status: 'loading' });
    void (async () => {
      const started = await openPdf(bytes);
      if (closed) {
        void started.destroy();
        return;
      }
      task = started;
      const doc = await started.promise;
      opened = true;
      // A file whose first page cannot be read is damaged, even if its outline parsed.
      const first = (await doc.getPage(1)).getViewport({ scale: 1 });
      if (closed) return;
      setLoad({ status: 'ready', doc, firstSize: { width: first.width, height: first.height } });
    })().catch((error: unknown) => {
      if (closed) return;
      setLoad({ status: 'error', fileError: opened || isFileError(error) });
    });
    return () => {
      closed = true;
      void task?.destroy();
    };
  }, [bytes]);

  if (load.status === 'loading') {
    return (
      <Center h="70vh" data-testid="attachment-preview-pdf" data-state="loading">
        <Group gap="sm">
          <Loader size="sm" />
          <Text size="sm" c="dimmed">
            {t('attachments.pdf.opening')}
          </Text>
        </Group>
      </Center>
    );
  }
  if (load.status === 'error') {
    return (
      <Alert
        color="orange"
        variant="light"
        icon={<IconFileAlert size={20} />}
        title={t('attachments.pdf.cannotPreview')}
        data-testid="attachment-preview-pdf"
        data-state="error"
      >
        {load.fileError ? t('attachments.pdf.damaged') : t('attachments.pdf.viewerFailed')}
      </Alert>
    );
  }
  return <PdfDocumentView doc={load.doc} firstSize={load.firstSize} name={name} />;
}

const GAP = 12;

function PdfDocumentView({ doc, firstSize, name }: { doc: PDFDocumentProxy; firstSize: PageSize; name: string }) {
  const { t } = useTranslation();
  const count = doc.numPages;
  const scroller = useRef<HTMLDivElement>(null);
  const pages = useRef<(HTMLDivElement | null)[]>([]);
  const [width, setWidth] = useState(0);
  const [mode, setMode] = useState<Zoom>({ mode: 'fit' });
  const [sizes, setSizes] = useState<Record<number, PageSize>>({ 1: firstSize });
  const [near, setNear] = useState<ReadonlySet<number>>(() => new Set([1]));
  const [current, setCurrent] = useState(1);
  /** The page that 上一页/下一页 went to, kept as current while it is in view (short last pages). */
  const pinned = useRef<number | null>(null);
  /** Where the view is: which page, and how far below the gap above it (in page heights). For zooming. */
  const anchor = useRef({ page: 1, fraction: 0 });

  const zoom = mode.mode === 'fit' ? fitWidthZoom(width - 2 * GAP, firstSize.width) : mode.zoom;

  // The width pages fit into (measured before the first drawing); the modal may be resized with the window.
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setWidth(el.clientWidth));
    observer.observe(el);
    setWidth(el.clientWidth);
    el.focus({ preventScroll: true });
    return () => observer.disconnect();
  }, []);

  // Pages within half a view above or below are drawn; the others are not, or no longer.
  useEffect(() => {
    const root = scroller.current;
    if (!root) return;
    const observer = new IntersectionObserver(
      (entries) =>
        setNear((previous) => {
          const next = new Set(previous);
          for (const entry of entries) {
            const n = Number((entry.target as HTMLElement).dataset.pageNumber);
            if (entry.isIntersecting) next.add(n);
            else next.delete(n);
          }
          return next;
        }),
      { root, rootMargin: '50% 0px' },
    );
    for (const page of pages.current) if (page) observer.observe(page);
    return () => observer.disconnect();
  }, [count]);

  const onSize = useCallback((n: number, size: PageSize) => {
    setSizes((known) => (known[n]?.width === size.width && known[n]?.height === size.height ? known : { ...known, [n]: size }));
  }, []);

  const onScroll = () => {
    const el = scroller.current;
    if (!el) return;
    const tops = pages.current.map((p) => p?.offsetTop ?? 0);
    const pin = pinned.current;
    const pinTop = pin === null ? undefined : tops[pin - 1];
    let page: number;
    if (pin !== null && pinTop !== undefined && pinTop >= el.scrollTop - 1 && pinTop < el.scrollTop + el.clientHeight) {
      page = pin;
    } else {
      pinned.current = null;
      page = pageAt(tops, el.scrollTop, el.clientHeight);
    }
    setCurrent(page);
    const box = pages.current[page - 1];
    if (box) anchor.current = { page, fraction: (el.scrollTop - box.offsetTop + GAP) / Math.max(1, box.offsetHeight) };
  };

  // After a zoom, the same place of the same page is back in view.
  const drawnZoom = useRef(zoom);
  useLayoutEffect(() => {
    if (drawnZoom.current === zoom) return;
    drawnZoom.current = zoom;
    const el = scroller.current;
    const box = pages.current[anchor.current.page - 1];
    if (el && box) el.scrollTop = box.offsetTop - GAP + anchor.current.fraction * box.offsetHeight;
  }, [zoom]);

  const goTo = (page: number) => {
    const target = clampPage(page, count);
    const el = scroller.current;
    const box = pages.current[target - 1];
    if (!el || !box) return;
    pinned.current = target;
    anchor.current = { page: target, fraction: 0 };
    el.scrollTo({ top: box.offsetTop - GAP });
    setCurrent(target);
  };

  const setZoom = (next: number) => setMode({ mode: 'fixed', zoom: next });

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    switch (event.key) {
      case 'PageDown':
      case 'ArrowRight':
        goTo(current + 1);
        break;
      case 'PageUp':
      case 'ArrowLeft':
        goTo(current - 1);
        break;
      case 'Home':
        goTo(1);
        break;
      case 'End':
        goTo(count);
        break;
      case '+':
      case '=':
        setZoom(zoomIn(zoom));
        break;
      case '-':
        setZoom(zoomOut(zoom));
        break;
      default:
        return;
    }
    event.preventDefault();
  };

  return (
    <Stack gap="xs" data-testid="attachment-preview-pdf" data-state="ready" onKeyDown={onKeyDown}>
      <Group justify="space-between" gap="xs">
        <Group gap="xs">
          <Tooltip label={t('attachments.pdf.prevHint')}>
            <Button size="xs" variant="default" leftSection={<IconChevronUp size={14} />} disabled={current <= 1} onClick={() => goTo(current - 1)}>
              {t('attachments.pdf.prev')}
            </Button>
          </Tooltip>
          <Tooltip label={t('attachments.pdf.nextHint')}>
            <Button size="xs" variant="default" leftSection={<IconChevronDown size={14} />} disabled={current >= count} onClick={() => goTo(current + 1)}>
              {t('attachments.pdf.next')}
            </Button>
          </Tooltip>
          <Text size="sm" aria-live="polite" data-testid="pdf-page-indicator" style={{ whiteSpace: 'nowrap' }}>
            {t('attachments.pdf.pageOf', { page: current, total: count })}
          </Text>
        </Group>
        <Group gap={4}>
          <Tooltip label={t('attachments.pdf.zoomOutHint')}>
            <ActionIcon variant="default" aria-label={t('attachments.pdf.zoomOut')} onClick={() => setZoom(zoomOut(zoom))}>
              <IconZoomOut size={16} />
            </ActionIcon>
          </Tooltip>
          <Text size="sm" w={52} ta="center" data-testid="pdf-zoom">
            {Math.round(zoom * 100)}%
          </Text>
          <Tooltip label={t('attachments.pdf.zoomInHint')}>
            <ActionIcon variant="default" aria-label={t('attachments.pdf.zoomIn')} onClick={() => setZoom(zoomIn(zoom))}>
              <IconZoomIn size={16} />
            </ActionIcon>
          </Tooltip>
          <Button
            size="xs"
            ml={4}
            variant={mode.mode === 'fit' ? 'light' : 'default'}
            aria-pressed={mode.mode === 'fit'}
            leftSection={<IconArrowAutofitWidth size={14} />}
            onClick={() => setMode({ mode: 'fit' })}
          >
            {t('attachments.pdf.fitWidth')}
          </Button>
        </Group>
      </Group>
      <div
        ref={scroller}
        tabIndex={0}
        role="document"
        aria-label={t('attachments.pdf.documentLabel', { name, total: count })}
        onScroll={onScroll}
        data-testid="pdf-pages"
        style={{
          position: 'relative',
          height: '70vh',
          overflow: 'auto',
          scrollbarGutter: 'stable both-edges',
          padding: GAP,
          background: 'var(--mantine-color-gray-2)',
          border: '1px solid var(--mantine-color-gray-3)',
        }}
      >
        <div style={{ display: 'flex', flexDirection: 'column', alignItems: 'center', gap: GAP, width: 'max-content', minWidth: '100%' }}>
          {Array.from({ length: count }, (_, i) => i + 1).map((n) => (
            <PdfPage
              key={n}
              ref={(el) => {
                pages.current[n - 1] = el;
              }}
              doc={doc}
              pageNumber={n}
              zoom={zoom}
              size={sizes[n] ?? firstSize}
              active={near.has(n)}
              onSize={onSize}
            />
          ))}
        </div>
      </div>
    </Stack>
  );
}
