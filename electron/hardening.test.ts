import type { Session, WebContents } from 'electron';
import { describe, expect, it } from 'vitest';
import { hardenSession, hardenWebContents, isAllowedRequestUrl } from './hardening';
import { FakeSession, FakeWebContents } from './testing/fake-electron';

const hardened = () => {
  const contents = new FakeWebContents('app://app/index.html');
  hardenWebContents(contents as unknown as WebContents);
  return contents;
};

describe('web contents hardening', () => {
  it.each(['will-navigate', 'will-redirect'])('%s: stays inside app://app/', (name) => {
    const contents = hardened();
    for (const url of [
      'https://example.com/',
      'http://127.0.0.1:5173/',
      'file:///etc/passwd',
      'app://print/abc',
      'app://evil/index.html',
      'data:text/html,<script>alert(1)</script>',
      'javascript:alert(1)',
    ]) {
      expect(contents.emitPreventable(name, { url }), url).toBe(true);
    }
    expect(contents.emitPreventable(name, { url: 'app://app/index.html#/orgs' })).toBe(false);
  });

  it('denies every window.open', () => {
    const contents = hardened();
    expect(contents.windowOpenHandler).not.toBeNull();
    for (const url of ['https://example.com/', 'app://app/index.html', 'about:blank'])
      expect(contents.windowOpenHandler?.({ url })).toEqual({ action: 'deny' });
  });

  it('prevents attaching webviews', () => {
    const contents = hardened();
    expect(contents.emitPreventable('will-attach-webview', { url: 'app://app/index.html' })).toBe(true);
  });
});

describe('session hardening', () => {
  const session = (dev: boolean) => {
    const fake = new FakeSession();
    hardenSession(fake as unknown as Session, { dev });
    return fake;
  };

  it('denies every permission request and check', () => {
    const fake = session(false);
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen']) {
      let granted: boolean | undefined;
      fake.permissionRequestHandler?.({}, permission, (g) => (granted = g));
      expect(granted, permission).toBe(false);
      expect(fake.permissionCheckHandler?.({}, permission), permission).toBe(false);
    }
    expect(fake.devicePermissionHandler?.({ deviceType: 'usb' })).toBe(false);
  });

  it('prevents downloads', () => {
    const fake = session(false);
    let prevented = false;
    fake.emit('will-download', { preventDefault: () => (prevented = true) }, {}, {});
    expect(prevented).toBe(true);
  });

  it('cancels every request that is not app://', () => {
    const fake = session(false);
    for (const url of [
      'https://example.com/x.js',
      'http://localhost:5173/',
      'ws://127.0.0.1:9222/',
      'file:///etc/passwd',
      'ftp://example.com/',
      'blob:app://app/123',
      'devtools://devtools/bundled/inspector.html',
      'chrome-extension://abc/x.js',
      'not a url',
    ]) {
      expect(fake.cancels(url), url).toBe(true);
    }
    expect(fake.cancels('app://app/index.html')).toBe(false);
    expect(fake.cancels('app://print/0000')).toBe(false);
    expect(fake.cancels('data:image/png;base64,AAAA')).toBe(false);
  });

  it('lets DevTools load only in development builds', () => {
    expect(session(true).cancels('devtools://devtools/bundled/inspector.html')).toBe(false);
    expect(session(true).cancels('https://chrome-devtools-frontend.appspot.com/')).toBe(true);
    expect(isAllowedRequestUrl('devtools://devtools/', false)).toBe(false);
  });
});
