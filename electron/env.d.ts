// Constants that scripts/build.mjs defines for the main-process bundle (esbuild `define`).
/** True in development builds; `false` in production builds, where dev-only code is dropped. */
declare const __BAOMI_DEV__: boolean;
/** The application version from package.json. */
declare const __BAOMI_VERSION__: string;
