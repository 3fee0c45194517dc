import { test, expect } from '@playwright/test';
import { launchHarness } from '../harness/harness';

test('screens', async () => {
  const h = await launchHarness({ headless: true });
  try {
    await h.open();
    await h.page.screenshot({ path: 'test-results/screens/empty.png' });
    await h.page.getByRole('button', { name: '登记第一个单位' }).click();
    await h.page.getByLabel('单位名称').fill('北京市卫生健康监督所');
    await h.page.getByLabel('统一社会信用代码').fill('9111010857121431XB');
    await h.page.getByRole('button', { name: '保存' }).click();
    await h.page.screenshot({ path: 'test-results/screens/form-error.png' });
    await h.page.getByLabel('统一社会信用代码').fill('9111010857121431XA');
    await h.page.getByRole('button', { name: '保存' }).click();
    await h.page.waitForTimeout(800);
    await h.page.screenshot({ path: 'test-results/screens/list.png' });
    expect(h.consoleErrors).toEqual([]);
  } finally {
    await h.close();
  }
});
