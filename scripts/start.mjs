// `npm start`: builds the development bundles, then opens the app in Electron when its binary
// is installed; otherwise (Electron's binary cannot be downloaded on our machines) in a visible
// Chromium window through the browser harness (DESIGN.md §3). Either way the app talks to the
// same login gate: first-run setup on an empty data folder, the login screen otherwise.
//   npm start               Electron if installed, else the harness
//   npm start -- --harness  always the harness
import { build as esbuild } from 'esbuild';
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
const NATIVE = 'better-sqlite3-multiple-ciphers';

/** Runs a command with the terminal attached; resolves to its exit code. */
function run(command, args, options = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, stdio: 'inherit', ...options });
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

/** The Electron executable, or null when only the npm package (no binary) is installed. */
function electronBinary() {
  try {
    const path = require('electron');
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

/**
 * better_sqlite3.node rebuilt for Electron's ABI, in a cache folder of its own so that
 * node_modules keeps the Node build the tests use. Rebuilt once per Electron/module version.
 */
export async function nativeBindingForElectron(electronVersion) {
  const nativeVersion = JSON.parse(readFileSync(join(root, 'node_modules', NATIVE, 'package.json'), 'utf8')).version;
  const cacheDir = join(root, 'node_modules', '.cache', 'baomi-electron-native', `electron-${electronVersion}-${nativeVersion}`);
  const moduleDir = join(cacheDir, 'node_modules', NATIVE);
  const binding = join(moduleDir, 'build', 'Release', 'better_sqlite3.node');
  const stamp = join(cacheDir, 'rebuilt.json');
  if (existsSync(binding) && existsSync(stamp)) return binding;

  console.log(`为 Electron ${electronVersion} 编译数据库组件 ${NATIVE}@${nativeVersion}（仅首次，需要联网）…`);
  rmSync(cacheDir, { recursive: true, force: true });
  const source = join(root, 'node_modules', NATIVE);
  cpSync(source, moduleDir, {
    recursive: true,
    // Leave the Node build behind; everything else (sources, binding.gyp) is needed to rebuild.
    filter: (path) => relative(source, path).split(sep)[0] !== 'build',
  });
  writeFileSync(
    join(cacheDir, 'package.json'),
    JSON.stringify({ name: 'baomi-electron-native', private: true, dependencies: { [NATIVE]: nativeVersion } }, null, 2),
  );
  try {
    const { rebuild } = await import('@electron/rebuild');
    await rebuild({ buildPath: cacheDir, electronVersion, onlyModules: [NATIVE], force: true, mode: 'sequential' });
  } catch (error) {
    console.error(`数据库组件未能为 Electron 编译：${error instanceof Error ? error.message : error}`);
    console.error('请在联网的机器上手动执行：');
    console.error(
      `  npx electron-rebuild --version ${electronVersion} --module-dir "${cacheDir}" --which-module ${NATIVE} --force`,
    );
    console.error(`然后设置 BAOMI_NATIVE_BINDING="${binding}" 并重新运行 npm start，或改用 npm start -- --harness。`);
    return null;
  }
  if (!existsSync(binding)) return null;
  writeFileSync(stamp, JSON.stringify({ electronVersion, nativeVersion, at: new Date().toISOString() }));
  return binding;
}

async function startElectron(electronPath) {
  const electronVersion = JSON.parse(readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8')).version;
  const binding = process.env.BAOMI_NATIVE_BINDING || (await nativeBindingForElectron(electronVersion));
  if (!binding) return 1;
  const env = { ...process.env, BAOMI_NATIVE_BINDING: binding };
  delete env.ELECTRON_RUN_AS_NODE;
  return run(electronPath, [root], { env });
}

async function startHarness() {
  // Two levels below the project root, as in the source tree: the harness finds the
  // project (dist/renderer, dist/harness) at __dirname/../.. .
  const outfile = join(root, '.tmp', 'start', 'launch-cli.cjs');
  mkdirSync(join(root, '.tmp', 'start'), { recursive: true });
  await esbuild({
    absWorkingDir: root,
    entryPoints: ['test/harness/launch-cli.ts'],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    packages: 'external',
    sourcemap: 'inline',
    define: { __BAOMI_DEV__: 'true', __BAOMI_VERSION__: JSON.stringify(require('../package.json').version) },
    logLevel: 'warning',
  });
  return run(process.execPath, ['--enable-source-maps', outfile]);
}

async function main() {
  const built = await run(process.execPath, [join(root, 'scripts', 'build.mjs')]);
  if (built !== 0) return built;
  const electronPath = process.argv.includes('--harness') ? null : electronBinary();
  if (electronPath) return startElectron(electronPath);
  if (!process.argv.includes('--harness')) {
    console.log('Electron 未安装（无法下载其二进制文件）：改用浏览器测试环境在 Chromium 窗口中打开应用。');
  }
  return startHarness();
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main();
}
