// electron-builder configuration (DESIGN.md §4: asar, fuses flipped at packaging).
// `npm run dist` packages the production bundles of dist/ for Windows (NSIS x64) and
// Linux (deb + AppImage, x64 and arm64). Needs a connected build machine: electron-builder
// downloads Electron and rebuilds the native SQLite module for it (npmRebuild).

const NATIVE = 'node_modules/better-sqlite3-multiple-ciphers';
const ARTIFACT = 'baomi-ledger-${version}-${os}-${arch}.${ext}';

/** @type {import('electron-builder').Configuration} */
module.exports = {
  appId: 'cn.baomi.ledger',
  productName: '保密台账',
  // File names stay ASCII: Chinese names break some USB-media copy tools and older Windows shares.
  artifactName: ARTIFACT,
  // deb packages must name a homepage. Placeholder until the product has a real page
  // (better: "homepage" and "author" in package.json).
  // desktopName ties the running window to the installed .desktop entry on Linux.
  extraMetadata: { homepage: 'https://ledger.baomi.cn/', desktopName: 'baomi-ledger.desktop' },
  directories: { output: 'release', buildResources: 'build' },
  files: [
    'dist/electron/**',
    'dist/renderer/**',
    'package.json',
    // Source maps carry our whole source (sourcesContent) and double the size; production
    // builds have DevTools disabled and no crash reporting, so nothing could use them.
    '!**/*.map',
    // TypeScript sources that some packages ship beside their JavaScript; nothing loads them.
    '!**/*.{ts,mts,cts,tsx}',
    // zod is bundled into main.cjs and preload.cjs (scripts/build.mjs keeps only electron,
    // better-sqlite3-multiple-ciphers and exceljs external), so its package is dead weight.
    '!node_modules/zod/**',
    // The native module needs only lib/, package.json and build/Release/better_sqlite3.node at
    // run time; its C sources and build intermediates (~40 MB) stay out.
    `!${NATIVE}/{deps,src}/**`,
    `!${NATIVE}/build/{deps/**,Makefile,*.mk,config.gypi}`,
    `!${NATIVE}/build/Release/{obj,obj.target,.deps}/**`,
    `!${NATIVE}/build/Release/{*.a,test_extension.node}`,
  ],
  asar: true,
  // Native code cannot be loaded from inside an asar archive.
  asarUnpack: ['**/*.node', `${NATIVE}/**`],
  // Rebuild better-sqlite3-multiple-ciphers against Electron's ABI (needs the network:
  // Electron headers or a prebuilt binary). NB: this rebuilds node_modules in place; run
  // `npm rebuild better-sqlite3-multiple-ciphers` afterwards to get the Node build back for tests.
  npmRebuild: true,
  electronFuses: {
    runAsNode: false,
    enableCookieEncryption: true,
    enableNodeOptionsEnvironmentVariable: false,
    enableNodeCliInspectArguments: false,
    enableEmbeddedAsarIntegrityValidation: true,
    onlyLoadAppFromAsar: true,
    // The UI is served from app://, never file://.
    grantFileProtocolExtraPrivileges: false,
  },
  win: {
    target: [{ target: 'nsis', arch: ['x64'] }],
  },
  nsis: {
    oneClick: false,
    allowToChangeInstallationDirectory: true,
    perMachine: false,
    artifactName: ARTIFACT,
    shortcutName: '保密台账',
  },
  linux: {
    target: [
      { target: 'deb', arch: ['x64', 'arm64'] },
      { target: 'AppImage', arch: ['x64', 'arm64'] },
    ],
    executableName: 'baomi-ledger',
    syncDesktopName: true,
    category: 'Office',
    maintainer: 'Baomi Ledger <baomi-ledger@localhost>',
    synopsis: '保密台账：合同、人员保密承诺、存储介质、IP 报备登记',
    description: 'Confidentiality registers for offices under secrecy agreements (保密台账).',
  },
  publish: null,
};
