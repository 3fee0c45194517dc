// `npm start` without an Electron binary: the app in a visible Chromium window through the harness.
import { homedir } from 'node:os';
import { join } from 'node:path';
import { launchHarness } from './harness';

async function main(): Promise<void> {
  const dataDir = process.env.BAOMI_DATA_DIR ?? join(homedir(), '.local/share/baomi-ledger-harness');
  const harness = await launchHarness({ headless: false, dataDir, saveDir: join(homedir(), '保密台账导出'), viewport: { width: 1366, height: 860 } });
  await harness.open();
  console.log(`数据目录：${dataDir}。关闭浏览器窗口即退出。`);
  await new Promise<void>((done) => harness.page.on('close', () => done()));
  await harness.close();
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
