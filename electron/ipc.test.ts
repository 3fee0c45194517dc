import type { IpcMainInvokeEvent, WebContents } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { CHANNELS } from '../common/api';
import type { Session } from '../common/security/roles';
import { FOREIGN_SENDER, registerIpc } from './ipc';
import { FakeIpcMain, fakeFrame, FakeWebContents, type FakeFrame } from './testing/fake-electron';

const SESSION: Session = { accountId: 'a1', username: 'officer', displayName: '保密员', roles: ['officer'] };

function setup() {
  const ipcMain = new FakeIpcMain();
  const appContents = new FakeWebContents('app://app/index.html');
  const router = { invoke: vi.fn(async (channel: unknown, _session: unknown, _payload: unknown) => ({ ok: true as const, value: { channel } })) };
  let contents: FakeWebContents | null = appContents;
  registerIpc({
    ipcMain,
    channels: CHANNELS,
    router,
    getSession: () => SESSION,
    getAppContents: () => contents as unknown as WebContents | null,
    logError: () => undefined,
  });
  const call = (channel: string, sender: FakeWebContents, frame: FakeFrame | null, payload: unknown = { x: 1 }) => {
    const listener = ipcMain.handlers.get(channel);
    if (!listener) throw new Error(`no handler for ${channel}`);
    const event = { sender, senderFrame: frame } as unknown as IpcMainInvokeEvent;
    return listener(event, payload, 'extra-argument-ignored');
  };
  return { ipcMain, appContents, router, call, setContents: (c: FakeWebContents | null) => (contents = c) };
}

describe('IPC', () => {
  it('registers exactly one handler per contract channel, and no other', () => {
    const { ipcMain } = setup();
    expect(CHANNELS.length).toBeGreaterThan(0);
    expect([...ipcMain.handlers.keys()].sort()).toEqual([...CHANNELS].sort());
  });

  it('passes a call from the app window to the router with the main-process session', async () => {
    const { appContents, router, call } = setup();
    const channel = CHANNELS[0] as string;
    const result = await call(channel, appContents, appContents.mainFrame, { page: 1 });
    expect(router.invoke).toHaveBeenCalledTimes(1);
    expect(router.invoke).toHaveBeenCalledWith(channel, SESSION, { page: 1 });
    expect(result).toEqual({ ok: true, value: { channel } });
  });

  it('uses the channel it was registered for, whatever the payload claims', async () => {
    const { appContents, router, call } = setup();
    for (const channel of CHANNELS) await call(channel, appContents, appContents.mainFrame, { channel: 'x:y', session: {} });
    expect(router.invoke.mock.calls.map((c) => c[0])).toEqual([...CHANNELS]);
    for (const c of router.invoke.mock.calls) expect(c[1]).toBe(SESSION);
  });

  it.each([
    ['a foreign page in the app window', () => 'https://evil.example/'],
    ['a print document', () => 'app://print/123'],
    ['a look-alike host', () => 'app://app.evil/index.html'],
    ['a file: page', () => 'file:///app/index.html'],
  ])('refuses %s without reaching the router', async (_name, url) => {
    const { appContents, router, call } = setup();
    appContents.mainFrame.url = url();
    expect(await call(CHANNELS[0] as string, appContents, appContents.mainFrame)).toEqual(FOREIGN_SENDER);
    expect(router.invoke).not.toHaveBeenCalled();
  });

  it('refuses a subframe of the app window, even on an app:// URL', async () => {
    const { appContents, router, call } = setup();
    const sub = fakeFrame('app://app/index.html', appContents.mainFrame as FakeFrame);
    expect(await call(CHANNELS[0] as string, appContents, sub)).toEqual(FOREIGN_SENDER);
    expect(router.invoke).not.toHaveBeenCalled();
  });

  it('refuses another window, a vanished frame, and any call before the window exists', async () => {
    const { appContents, router, call, setContents } = setup();
    const other = new FakeWebContents('app://app/index.html');
    expect(await call(CHANNELS[0] as string, other, other.mainFrame)).toEqual(FOREIGN_SENDER);
    // the other window's frame claimed through our window's event
    expect(await call(CHANNELS[0] as string, appContents, other.mainFrame)).toEqual(FOREIGN_SENDER);
    expect(await call(CHANNELS[0] as string, appContents, null)).toEqual(FOREIGN_SENDER);
    appContents.destroyed = true;
    expect(await call(CHANNELS[0] as string, appContents, appContents.mainFrame)).toEqual(FOREIGN_SENDER);
    setContents(null);
    expect(await call(CHANNELS[0] as string, appContents, appContents.mainFrame)).toEqual(FOREIGN_SENDER);
    expect(router.invoke).not.toHaveBeenCalled();
  });

  it('turns an unexpected throw into an INTERNAL result', async () => {
    const { appContents, router, call } = setup();
    router.invoke.mockRejectedValueOnce(new Error('boom'));
    const result = (await call(CHANNELS[0] as string, appContents, appContents.mainFrame)) as { ok: boolean; error: { code: string } };
    expect(result.ok).toBe(false);
    expect(result.error.code).toBe('INTERNAL');
  });
});
