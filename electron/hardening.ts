import type { Session, WebContents } from 'electron';
import { isAppPageUrl } from './protocol';

/**
 * Which requests may leave a page at all. The app never touches a network: only app://
 * (and inline data: images and fonts, which the CSP allows and which never leave the process)
 * pass; DevTools' own devtools:// pages only in development builds.
 */
export function isAllowedRequestUrl(url: string, dev: boolean): boolean {
  const colon = url.indexOf(':');
  if (colon <= 0) return false;
  const scheme = url.slice(0, colon).toLowerCase();
  return scheme === 'app' || scheme === 'data' || (dev && scheme === 'devtools');
}

type Preventable = { url: string; preventDefault(): void };

/**
 * Applied to every web contents the app creates (main window and print windows):
 * no navigation away from app://app/, no new windows, no webviews.
 */
export function hardenWebContents(contents: WebContents): void {
  const stayInApp = (event: Preventable) => {
    if (!isAppPageUrl(event.url)) event.preventDefault();
  };
  contents.on('will-navigate', stayInApp);
  contents.on('will-redirect', stayInApp);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

/** Denies every permission and download, and cancels every request that is not app://. */
export function hardenSession(session: Session, options: { dev: boolean }): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  session.on('will-download', (event) => event.preventDefault());
  session.webRequest.onBeforeRequest((details, callback) => {
    callback({ cancel: !isAllowedRequestUrl(details.url, options.dev) });
  });
}
