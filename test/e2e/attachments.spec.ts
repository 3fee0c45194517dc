// Attachments in the real page under the real CSP: bytes added through the shell's open dialog coming
// back over the wire, images previewed from blob: URLs, and PDFs drawn by pdf.js onto canvases, its
// worker one of the app's own files. What a user sees is checked by pixels, not by the DOM alone.
import { expect, test, type Page } from '@playwright/test';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SAMPLE_PNG, samplePdf, samplePdfPages, sampleEncryptedPdf, sampleJpxPdf } from '../../db/attachments/samples';
import { OFFICER, provisionUser, setupOffice, value } from '../harness/accounts';
import { launchHarness, type Harness } from '../harness/harness';
import { loginInUi } from './ui';

const SCREENS = 'test-results/screens';
const DAMAGED = '该 PDF 文件已损坏或加密，无法预览；可另存副本后用其他软件打开';

test('attachment bytes travel to the page; images preview from blob: URLs under the app CSP', async () => {
  const h = await launchHarness({ headless: true });
  const { page } = h;
  try {
    await setupOffice(h.gate);
    await provisionUser(h.gate, OFFICER);
    const contract = await recordContract(h);
    await h.open();
    await loginInUi(page, OFFICER);

    const pdf = samplePdf('Hello PDF');
    h.shell.openFiles.push({ name: '合同扫描件.pdf', bytes: pdf }, { name: '签字页.png', bytes: SAMPLE_PNG });
    const result = await page.evaluate(async (ownerUuid) => {
      const owner = { ownerType: 'contract' as const, ownerUuid };
      const violations: string[] = [];
      document.addEventListener('securitypolicyviolation', (e) => violations.push(`${e.violatedDirective} ${e.blockedURI}`));
      const ids: number[] = [];
      for (let i = 0; i < 2; i++) {
        const added = await window.baomi.attachment.add(owner);
        if (!added.ok || !added.value.added) throw new Error(JSON.stringify(added));
        ids.push(added.value.attachment.id);
      }
      const [pdfFile, pngFile] = await Promise.all(ids.map((id) => window.baomi.attachment.get({ id })));
      if (!pdfFile?.ok || !pngFile?.ok) throw new Error('get failed');

      const img = document.createElement('img');
      const imageLoaded = new Promise<string>((resolve) => {
        img.onload = () => resolve(`${img.naturalWidth}x${img.naturalHeight}`);
        img.onerror = () => resolve('error');
      });
      img.src = URL.createObjectURL(new Blob([pngFile.value.bytes], { type: pngFile.value.mimeType }));
      document.body.append(img);

      // The CSP admits blob: for images only: a frame of one is refused (PDFs are drawn by pdf.js instead).
      const frame = document.createElement('iframe');
      frame.src = URL.createObjectURL(new Blob([pdfFile.value.bytes], { type: 'application/pdf' }));
      const refused = new Promise<string>((resolve) =>
        document.addEventListener('securitypolicyviolation', (e) => resolve(e.effectiveDirective), { once: true }),
      );
      document.body.append(frame);
      const frameDirective = await refused;
      frame.remove();

      return {
        isBytes: pdfFile.value.bytes instanceof Uint8Array,
        pdfBytes: Array.from(pdfFile.value.bytes),
        image: await imageLoaded,
        frameDirective,
        violations,
        id: ids[0]!,
      };
    }, contract);

    expect(result.violations.filter((v) => !v.startsWith('frame-src'))).toEqual([]);
    expect(result.frameDirective).toBe('frame-src');
    expect(result.isBytes).toBe(true);
    expect(result.pdfBytes).toEqual(Array.from(pdf));
    expect(result.image).toBe('4x3');

    // Saving a copy goes through the save dialog, writes the identical file and is audited.
    const target = join(h.dataDir, '副本.pdf');
    h.shell.savePaths.push(target);
    const saved = await page.evaluate((id) => window.baomi.attachment.saveCopy({ id }), result.id);
    expect(saved).toEqual({ ok: true, value: { saved: true, path: target } });
    expect(new Uint8Array(readFileSync(target))).toEqual(pdf);
    const actions = (h.core.db.prepare("SELECT action FROM audit_log WHERE action LIKE 'attachment.%' ORDER BY seq").all() as { action: string }[]).map(
      (r) => r.action,
    );
    expect(actions).toEqual(['attachment.add', 'attachment.add', 'attachment.saveCopy']);
    // The refused frame is the one console error expected here.
    expect(h.consoleErrors.filter((e) => !/frame-src/.test(e))).toEqual([]);
  } finally {
    await h.close();
  }
});

/** A contract to hang attachments on, recorded through the core. */
async function recordContract(h: Harness): Promise<string> {
  value(await h.gate.invoke('auth:login', OFFICER));
  const client = value<{ id: number }>(await h.gate.invoke('org:create', { name: '北京市卫生健康监督所', kind: 'client' }));
  const vendor = value<{ id: number }>(await h.gate.invoke('org:create', { name: '北京金山云网络技术有限公司', kind: 'vendor', uscc: '9111010857121431XA' }));
  const contract = value<{ uuid: string }>(
    await h.gate.invoke('contract:create', {
      numbers: [{ number: 'KSY 2024 0516 0003', scheme: '合同编号', isMain: true }],
      projectName: '卫生监督信息化运维项目',
      clientOrgId: client.id,
      vendorOrgId: vendor.id,
      signedDate: '2024-05-20',
      serviceStart: '2024-05-24',
      serviceEnd: '2025-05-23',
      amountFen: 67_472_000,
    }),
  );
  value(await h.gate.invoke('auth:logout', {}));
  return contract.uuid;
}

/** Pixels of one drawn page: how many are blue (the sample's band), nearly black (text), red or green (the JPEG 2000 scan). */
function pagePixels(page: Page, pageNumber: number) {
  return page.evaluate((n) => {
    const canvas = document.querySelector<HTMLCanvasElement>(`[data-testid="pdf-page"][data-page-number="${n}"] canvas`);
    if (!canvas) return null;
    const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
    let blue = 0;
    let dark = 0;
    let red = 0;
    let green = 0;
    for (let i = 0; i < data.length; i += 4) {
      const [r, g, b, a] = [data[i]!, data[i + 1]!, data[i + 2]!, data[i + 3]!];
      if (a > 200 && b > 150 && r < 80 && g < 130) blue++;
      if (a > 200 && r < 90 && g < 90 && b < 90) dark++;
      if (a > 200 && r > 160 && g < 80 && b < 80) red++;
      if (a > 200 && g > 120 && r < 80 && b < 100) green++;
    }
    return { width: canvas.width, height: canvas.height, blue, dark, red, green, total: data.length / 4 };
  }, pageNumber);
}

const pdfWorkers = (page: Page) => page.workers().filter((w) => w.url().endsWith('/pdfjs/pdf.worker.js'));

test('PDF attachments preview with pdf.js: pages drawn lazily, paging, zoom, keys; damaged and encrypted files say so', async () => {
  const h = await launchHarness({ headless: true });
  const { page } = h;
  try {
    await setupOffice(h.gate);
    await provisionUser(h.gate, OFFICER);
    await recordContract(h);
    // Every CSP violation of the page, from its first script on.
    await page.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { __cspViolations: string[] }).__cspViolations = seen;
      document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.effectiveDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
    });
    await h.open();
    await loginInUi(page, OFFICER);

    // A document this app prints: Chinese text in embedded fonts, through Chromium's print pipeline.
    const printed = await h.shell.htmlToPdf(
      '<!doctype html><meta charset="utf-8"><style>body{font-family:"Noto Sans CJK SC",sans-serif;margin:40px}h1{font-size:28px}</style>' +
        '<h1>安全保密协议书</h1><p>甲方：北京市卫生健康监督所</p><p>乙方：北京金山云网络技术有限公司</p><p>乙方对在服务过程中知悉的甲方信息负有保密义务。</p>',
      { landscape: false },
    );
    const twoPages = samplePdfPages(['Page one', 'Page two']);
    const sixPages = samplePdfPages(['One', 'Two', 'Three', 'Four', 'Five', 'Six']);
    const damaged = twoPages.slice(0, Math.floor(twoPages.length * 0.3)); // magic bytes intact, body cut off
    h.shell.openFiles.push(
      { name: '合同扫描件.pdf', bytes: twoPages },
      { name: '运维月报.pdf', bytes: sixPages },
      { name: '保密协议.pdf', bytes: printed },
      { name: '传输中断.pdf', bytes: damaged },
      { name: '加密文件.pdf', bytes: sampleEncryptedPdf() },
      { name: '扫描件（JPEG 2000）.pdf', bytes: sampleJpxPdf() },
    );

    await page.locator('.mantine-AppShell-navbar').getByText('合同', { exact: true }).click();
    await page.locator('table tbody tr').filter({ hasText: 'KSY 2024 0516 0003' }).click();
    const panel = page.getByTestId('attachment-panel').first();
    for (let i = 0; i < 6; i++) {
      await panel.getByRole('button', { name: '添加附件' }).click();
      await expect(panel.getByTestId('attachment-row')).toHaveCount(i + 1);
    }
    await expect(page.locator('.mantine-Notification-root')).toHaveCount(0, { timeout: 15_000 });

    const preview = (name: string) => page.getByRole('dialog', { name: `预览附件：${name}` });
    const open = async (name: string) => {
      await panel.getByRole('button', { name, exact: true }).click();
      await expect(preview(name)).toBeVisible();
      return preview(name);
    };
    const close = async (name: string) => {
      await preview(name).getByRole('button', { name: '关闭' }).click();
      await expect(preview(name)).toHaveCount(0);
    };

    await test.step('a two-page scan: page 1 drawn at once, 共 2 页, in pdf.js’s own worker', async () => {
      const dialog = await open('合同扫描件.pdf');
      await expect(dialog.getByTestId('pdf-page-indicator')).toHaveText('第 1 页 / 共 2 页');
      const first = dialog.locator('[data-testid="pdf-page"][data-page-number="1"]');
      await expect(first).toHaveAttribute('data-rendered', 'true');
      const pixels = await pagePixels(page, 1);
      expect(pixels).not.toBeNull();
      expect(pixels!.blue).toBeGreaterThan(pixels!.total * 0.1); // the band: 260×40 of 300×200
      expect(pixels!.dark).toBeGreaterThan(200); // the text
      expect(pdfWorkers(page)).toHaveLength(1);
      await expect(dialog.getByRole('button', { name: '上一页' })).toBeDisabled();
      mkdirSync(SCREENS, { recursive: true });
      await page.screenshot({ path: join(SCREENS, '45-attachment-pdf-preview.png') });
    });

    await test.step('下一页 and PageUp move between the pages; page 2 is drawn too', async () => {
      const dialog = preview('合同扫描件.pdf');
      await dialog.getByRole('button', { name: '下一页' }).click();
      await expect(dialog.getByTestId('pdf-page-indicator')).toHaveText('第 2 页 / 共 2 页');
      await expect(dialog.getByRole('button', { name: '下一页' })).toBeDisabled();
      await expect(dialog.locator('[data-testid="pdf-page"][data-page-number="2"]')).toHaveAttribute('data-rendered', 'true');
      expect((await pagePixels(page, 2))!.dark).toBeGreaterThan(200);
      await dialog.getByTestId('pdf-pages').press('PageUp');
      await expect(dialog.getByTestId('pdf-page-indicator')).toHaveText('第 1 页 / 共 2 页');
    });

    await test.step('zoom: − makes the page smaller and draws it again, 适合宽度 fills the width again', async () => {
      const dialog = preview('合同扫描件.pdf');
      const first = dialog.locator('[data-testid="pdf-page"][data-page-number="1"]');
      const fitted = (await first.boundingBox())!.width;
      const fittedZoom = await dialog.getByTestId('pdf-zoom').textContent();
      await dialog.getByRole('button', { name: '缩小' }).click();
      await dialog.getByRole('button', { name: '缩小' }).click();
      await expect(dialog.getByTestId('pdf-zoom')).not.toHaveText(fittedZoom!);
      await expect.poll(async () => (await first.boundingBox())!.width).toBeLessThan(fitted * 0.95);
      await expect(first).toHaveAttribute('data-rendered', 'true');
      await expect.poll(async () => (await pagePixels(page, 1))!.width).toBeLessThan((await first.boundingBox())!.width * 2 + 2);
      await dialog.getByRole('button', { name: '放大' }).click();
      await expect(dialog.getByRole('button', { name: '适合宽度' })).toHaveAttribute('aria-pressed', 'false');
      await dialog.getByRole('button', { name: '适合宽度' }).click();
      await expect(dialog.getByTestId('pdf-zoom')).toHaveText(fittedZoom!);
      await expect.poll(async () => Math.round((await first.boundingBox())!.width)).toBe(Math.round(fitted));
    });

    await test.step('closing the preview ends the worker and releases the document', async () => {
      await close('合同扫描件.pdf');
      await expect.poll(() => pdfWorkers(page).length).toBe(0);
    });

    await test.step('six pages: the far ones are drawn only when reached (End, Home)', async () => {
      const dialog = await open('运维月报.pdf');
      await expect(dialog.getByTestId('pdf-page-indicator')).toHaveText('第 1 页 / 共 6 页');
      await expect(dialog.locator('[data-testid="pdf-page"][data-page-number="1"]')).toHaveAttribute('data-rendered', 'true');
      const last = dialog.locator('[data-testid="pdf-page"][data-page-number="6"]');
      await expect(last).toHaveAttribute('data-rendered', 'false');
      expect(await pagePixels(page, 6)).toBeNull();
      await dialog.getByTestId('pdf-pages').press('End');
      await expect(dialog.getByTestId('pdf-page-indicator')).toHaveText('第 6 页 / 共 6 页');
      await expect(last).toHaveAttribute('data-rendered', 'true');
      expect((await pagePixels(page, 6))!.blue).toBeGreaterThan(1000);
      await dialog.getByTestId('pdf-pages').press('Home');
      await expect(dialog.getByTestId('pdf-page-indicator')).toHaveText('第 1 页 / 共 6 页');
      // Pages scrolled far away give their drawing up again.
      await expect(last).toHaveAttribute('data-rendered', 'false');
      await dialog.getByTestId('pdf-pages').press('ArrowRight');
      await expect(dialog.getByTestId('pdf-page-indicator')).toHaveText('第 2 页 / 共 6 页');
      await close('运维月报.pdf');
    });

    await test.step('a document printed by the app: Chinese in embedded fonts, no CMaps needed', async () => {
      const dialog = await open('保密协议.pdf');
      await expect(dialog.getByTestId('pdf-page-indicator')).toHaveText('第 1 页 / 共 1 页');
      await expect(dialog.locator('[data-testid="pdf-page"][data-page-number="1"]')).toHaveAttribute('data-rendered', 'true');
      expect((await pagePixels(page, 1))!.dark).toBeGreaterThan(2000);
      await page.screenshot({ path: join(SCREENS, '46-attachment-pdf-chinese.png') });
      await close('保密协议.pdf');
    });

    await test.step('a JPEG 2000 scan: decoded by the worker without WebAssembly (its plain-JS decoder, from the app)', async () => {
      const dialog = await open('扫描件（JPEG 2000）.pdf');
      await expect(dialog.locator('[data-testid="pdf-page"][data-page-number="1"]')).toHaveAttribute('data-rendered', 'true');
      const pixels = (await pagePixels(page, 1))!;
      expect(pixels.red).toBeGreaterThan(pixels.total * 0.3);
      expect(pixels.green).toBeGreaterThan(pixels.total * 0.3);
      await close('扫描件（JPEG 2000）.pdf');
    });

    for (const name of ['传输中断.pdf', '加密文件.pdf']) {
      await test.step(`${name}: the specific message, no canvas, no worker left behind`, async () => {
        const dialog = await open(name);
        await expect(dialog.getByTestId('attachment-preview-pdf')).toHaveAttribute('data-state', 'error');
        await expect(dialog).toContainText(DAMAGED);
        await expect(dialog.locator('canvas')).toHaveCount(0);
        if (name === '加密文件.pdf') await page.screenshot({ path: join(SCREENS, '47-attachment-pdf-encrypted.png') });
        await close(name);
        await expect.poll(() => pdfWorkers(page).length).toBe(0);
      });
    }

    expect(await page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations)).toEqual([]);
    expect(h.consoleErrors).toEqual([]);
  } finally {
    await h.close();
  }
});
