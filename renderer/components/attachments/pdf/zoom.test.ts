import { describe, expect, it } from 'vitest';
import { clampPage, fitWidthZoom, MAX_CANVAS_PIXELS, MAX_ZOOM, MIN_ZOOM, outputScale, pageAt, zoomIn, zoomOut, ZOOM_STEPS } from './zoom';

describe('zoom steps', () => {
  it('steps up and down through the list, stopping at its ends', () => {
    expect(zoomIn(1)).toBe(1.1);
    expect(zoomOut(1)).toBe(0.9);
    expect(zoomIn(MAX_ZOOM)).toBe(MAX_ZOOM);
    expect(zoomOut(MIN_ZOOM)).toBe(MIN_ZOOM);
  });

  it('from a fit-width zoom between steps, goes to the neighbouring steps', () => {
    expect(zoomIn(1.37)).toBe(1.5);
    expect(zoomOut(1.37)).toBe(1.25);
    // a zoom a rounding error away from a step counts as that step
    expect(zoomIn(1.0000001)).toBe(1.1);
    expect(zoomOut(0.9999999)).toBe(0.9);
  });

  it('walks every step in order', () => {
    const up = [MIN_ZOOM as number];
    while (up[up.length - 1]! < MAX_ZOOM) up.push(zoomIn(up[up.length - 1]!));
    expect(up).toEqual([...ZOOM_STEPS]);
  });
});

describe('fitWidthZoom', () => {
  it('fills the width with an A4 page (595 pt) at 96 px per inch', () => {
    expect(fitWidthZoom(793.33, 595)).toBeCloseTo(1, 3);
    expect(fitWidthZoom(1190, 595)).toBeCloseTo(1.5, 3);
  });

  it('stays within the zoom limits and survives a width not measured yet', () => {
    expect(fitWidthZoom(10, 595)).toBe(MIN_ZOOM);
    expect(fitWidthZoom(100_000, 595)).toBe(MAX_ZOOM);
    expect(fitWidthZoom(0, 595)).toBe(1);
    expect(fitWidthZoom(800, 0)).toBe(1);
  });
});

describe('outputScale', () => {
  it('uses the screen ratio for ordinary pages', () => {
    expect(outputScale(800, 1130, 2)).toBe(2);
    expect(outputScale(800, 1130, 0)).toBe(1);
  });

  it('keeps huge pages under the canvas limit', () => {
    const s = outputScale(4000, 5600, 2);
    expect(s).toBeLessThan(2);
    expect(4000 * 5600 * s * s).toBeLessThanOrEqual(MAX_CANVAS_PIXELS * 1.0001);
  });
});

describe('pageAt', () => {
  const tops = [8, 1000, 1992];
  it('is the last page whose top passed the upper third of the view', () => {
    expect(pageAt(tops, 0, 600)).toBe(1);
    expect(pageAt(tops, 790, 600)).toBe(1);
    expect(pageAt(tops, 801, 600)).toBe(2);
    expect(pageAt(tops, 5000, 600)).toBe(3);
    expect(pageAt([], 0, 600)).toBe(1);
  });
});

describe('clampPage', () => {
  it('keeps page numbers within the document', () => {
    expect(clampPage(0, 2)).toBe(1);
    expect(clampPage(3, 2)).toBe(2);
    expect(clampPage(2, 0)).toBe(1);
  });
});
