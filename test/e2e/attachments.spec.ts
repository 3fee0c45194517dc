// No register page hosts the attachment panel yet; this checks what the panel relies on, in the real
// page under the real CSP: attachments added through the bridge and the shell's open dialog, their bytes
// coming back over the wire, and previews from blob: URLs (an image, Chromium's PDF viewer in an iframe).
import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SAMPLE_PNG, samplePdf } from '../../db/attachments/samples';
import { insertBareContract } from '../../db/testing/fixtures';
import { OFFICER, provisionUser, setupOffice } from '../harness/accounts';
import { launchHarness } from '../harness/harness';
import { loginInUi } from './ui';

const CONTRACT = '6f1c2d3e-4b5a-4c6d-8e7f-0a1b2c3d4e5f';

test('attachment bytes travel to the page and preview under the app CSP', async () => {
  const h = await launchHarness({ headless: true });
  const { page } = h;
  try {
    await setupOffice(h.gate);
    await provisionUser(h.gate, OFFICER);
    await h.open();
    await loginInUi(page, OFFICER);
    insertBareContract(h.core.db, CONTRACT); // attachments belong to a record that exists

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
      const blobUrl = (f: { bytes: Uint8Array<ArrayBuffer>; mimeType: string }) => URL.createObjectURL(new Blob([f.bytes], { type: f.mimeType }));

      const img = document.createElement('img');
      const imageLoaded = new Promise<string>((resolve) => {
        img.onload = () => resolve(`${img.naturalWidth}x${img.naturalHeight}`);
        img.onerror = () => resolve('error');
      });
      img.src = blobUrl(pngFile.value);
      document.body.append(img);

      const frame = document.createElement('iframe');
      frame.title = 'pdf';
      frame.style.cssText = 'width:600px;height:400px';
      const frameLoaded = new Promise<void>((resolve) => (frame.onload = () => resolve()));
      frame.src = `${blobUrl(pdfFile.value)}#toolbar=0`;
      document.body.append(frame);
      await frameLoaded;

      return {
        isBytes: pdfFile.value.bytes instanceof Uint8Array,
        pdfBytes: Array.from(pdfFile.value.bytes),
        image: await imageLoaded,
        violations,
        id: ids[0]!,
      };
    }, CONTRACT);

    expect(result.violations).toEqual([]);
    expect(result.isBytes).toBe(true);
    expect(result.pdfBytes).toEqual(Array.from(pdf));
    expect(result.image).toBe('4x3');
    // Chromium's PDF viewer took the blob frame (it would be an error page had the CSP refused it).
    await expect.poll(() => page.frames().some((f) => f.url().startsWith('chrome-extension://mhjfbmdgcfjbbpaeojofohoefgiehjai/'))).toBe(true);

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
    expect(h.consoleErrors).toEqual([]);
  } finally {
    await h.close();
  }
});
