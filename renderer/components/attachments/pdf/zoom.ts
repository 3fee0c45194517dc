/**
 * Zoom and paging arithmetic of the PDF preview, kept apart from React and pdf.js so it can be
 * tested on its own. A zoom of 1 is the page at its printed size (1 PDF point = 1/72 in).
 */

/** The zoom levels + and − step through. */
export const ZOOM_STEPS = [0.25, 0.33, 0.5, 0.67, 0.75, 0.8, 0.9, 1, 1.1, 1.25, 1.5, 1.75, 2, 2.5, 3, 4] as const;
export const MIN_ZOOM = ZOOM_STEPS[0];
export const MAX_ZOOM = ZOOM_STEPS[ZOOM_STEPS.length - 1]!;

/** CSS pixels per PDF point: pdf.js draws 1 point as 1 CSS pixel at scale 1, screens show 96 px per inch. */
export const CSS_PX_PER_POINT = 96 / 72;

/** pdf.js refuses canvases larger than this (its own default): big pages get fewer device pixels instead. */
export const MAX_CANVAS_PIXELS = 2 ** 24;

export type Zoom = { mode: 'fit' } | { mode: 'fixed'; zoom: number };

export const clampZoom = (zoom: number) => Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, zoom));

/** The next step above `zoom` (the largest step stays). */
export function zoomIn(zoom: number): number {
  return ZOOM_STEPS.find((step) => step > zoom * 1.001) ?? MAX_ZOOM;
}

/** The next step below `zoom` (the smallest step stays). */
export function zoomOut(zoom: number): number {
  return [...ZOOM_STEPS].reverse().find((step) => step < zoom * 0.999) ?? MIN_ZOOM;
}

/** The zoom at which a page `pageWidth` points wide fills `availableWidth` CSS pixels. */
export function fitWidthZoom(availableWidth: number, pageWidth: number): number {
  if (!(availableWidth > 0) || !(pageWidth > 0)) return 1;
  return clampZoom(availableWidth / (pageWidth * CSS_PX_PER_POINT));
}

/**
 * Device pixels per CSS pixel for a page `cssWidth` × `cssHeight` CSS pixels: the screen's ratio,
 * lowered when the canvas would exceed MAX_CANVAS_PIXELS.
 */
export function outputScale(cssWidth: number, cssHeight: number, devicePixelRatio: number): number {
  const wanted = devicePixelRatio > 0 ? devicePixelRatio : 1;
  const area = cssWidth * cssHeight;
  if (!(area > 0)) return wanted;
  return Math.min(wanted, Math.sqrt(MAX_CANVAS_PIXELS / area));
}

/**
 * The page being read in a scrolled column of pages: the last page whose top edge has passed the
 * upper third of the view. `pageTops` are the pages' offsets in the column, in page order.
 */
export function pageAt(pageTops: readonly number[], scrollTop: number, viewHeight: number): number {
  const line = scrollTop + viewHeight / 3;
  let page = 1;
  pageTops.forEach((top, i) => {
    if (top <= line) page = i + 1;
  });
  return page;
}

/** Clamps a page number into 1…count. */
export const clampPage = (page: number, count: number) => Math.min(Math.max(1, Math.round(page)), Math.max(1, count));
