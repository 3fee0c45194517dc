import type { IpcMainInvokeEvent, WebContents } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { authChannels } from '../common/api/auth';
import { CHANNELS, CLIENT_CHANNELS } from '../common/api';
import { FOREIGN_SENDER, registerIpc } from './ipc';
import { FakeIpcMain, fakeFrame, FakeWebContents, type FakeFrame } from './testing/fake-electron';

const FIRST = CLIENT_CHANNELS[0] as string;

function setup() {
  const ipcMain = new FakeIpcMain();
  const appContents = new FakeWebContents('app://app/index.html');
  const gate = { invoke: vi.fn(async (channel: string, _payload: unknown) => ({ ok: true as const, value: { channel } })) };
  let contents: FakeWebContents | null = appContents;
  registerIpc({
    ipcMain,
    channels: CLIENT_CHANNELS,
    gate,
    getAppContents: () => contents as unknown as WebContents | null,
    logError: () => undefined,
  });
  const call = (channel: string, sender: FakeWebContents, frame: FakeFrame | null, payload: unknown = { x: 1 }) => {
    const listener = ipcMain.handlers.get(channel);
    if (!listener) throw new Error(`no handler for ${channel}`);
    const event = { sender, senderFrame: frame } as unknown as IpcMainInvokeEvent;
    return listener(event, payload, 'extra-argument-ignored');
  };
  return { ipcMain, appContents, gate, call, setContents: (c: FakeWebContents | null) => (contents = c) };
}

describe('IPC', () => {
  it('registers exactly one handler per client channel — the auth channels and the router channels — and no other', () => {
    const { ipcMain } = setup();
    const registered = [...ipcMain.handlers.keys()].sort();
    expect(registered).toEqual([...CLIENT_CHANNELS].sort());
    expect(new Set(registered).size).toBe(registered.length);
    for (const channel of [...Object.keys(authChannels), ...CHANNELS]) expect(registered, channel).toContain(channel);
    expect(registered.length).toBe(Object.keys(authChannels).length + CHANNELS.length);
  });

  it('passes a call from the app window to the gate with the channel and payload only', async () => {
    const { appContents, gate, call } = setup();
    const result = await call('auth:login', appContents, appContents.mainFrame, { username: 'u', password: 'p' });
    expect(gate.invoke).toHaveBeenCalledTimes(1);
    expect(gate.invoke).toHaveBeenCalledWith('auth:login', { username: 'u', password: 'p' });
    expect(result).toEqual({ ok: true, value: { channel: 'auth:login' } });
  });

  it('uses the channel it was registered for, whatever the payload claims', async () => {
    const { appContents, gate, call } = setup();
    for (const channel of CLIENT_CHANNELS) await call(channel, appContents, appContents.mainFrame, { channel: 'x:y', session: {} });
    expect(gate.invoke.mock.calls.map((c) => c[0])).toEqual([...CLIENT_CHANNELS]);
    for (const c of gate.invoke.mock.calls) expect(c[1]).toEqual({ channel: 'x:y', session: {} });
  });

  it.each([
    ['a foreign page in the app window', () => 'https://evil.example/'],
    ['a print document', () => 'app://print/123'],
    ['a look-alike host', () => 'app://app.evil/index.html'],
    ['a file: page', () => 'file:///app/index.html'],
  ])('refuses %s without reaching the gate', async (_name, url) => {
    const { appContents, gate, call } = setup();
    appContents.mainFrame.url = url();
    for (const channel of [FIRST, 'auth:login', 'auth:setup', 'auth:status']) {
      expect(await call(channel, appContents, appContents.mainFrame)).toEqual(FOREIGN_SENDER);
    }
    expect(gate.invoke).not.toHaveBeenCalled();
  });

  it('refuses a subframe of the app window, even on an app:// URL', async () => {
    const { appContents, gate, call } = setup();
    const sub = fakeFrame('app://app/index.html', appContents.mainFrame as FakeFrame);
    expect(await call('auth:login', appContents, sub)).toEqual(FOREIGN_SENDER);
    expect(gate.invoke).not.toHaveBeenCalled();
  });

  it('refuses another window, a vanished frame, and any call before the window exists', async () => {
    const { appContents, gate, call, setContents } = setup();
    const other = new FakeWebContents('app://app/index.html');
    expect(await call(FIRST, other, other.mainFrame)).toEqual(FOREIGN_SENDER);
    // the other window's frame claimed through our window's event
    expect(await call(FIRST, appContents, other.mainFrame)).toEqual(FOREIGN_SENDER);
    expect(await call(FIRST, appContents, null)).toEqual(FOREIGN_SENDER);
    appContents.destroyed = true;
    expect(await call(FIRST, appContents, appContents.mainFrame)).toEqual(FOREIGN_SENDER);
    setContents(null);
    expect(await call(FIRST, appContents, appContents.mainFrame)).toEqual(FOREIGN_SENDER);
    expect(gate.invoke).not.toHaveBeenCalled();
  });

  it('turns an unexpected throw into an INTERNAL result', async () => {
    const { appContents, gate, call } = setup();
    gate.invoke.mockRejectedValueOnce(new Error('boom'));
    const result = (await call(FIRST, appContents, appContents.mainFrame)) as { ok: boolean; error: { code: string } };
    expect(result.ok).toBe(false);
    expect(result.error.code).toBe('INTERNAL');
  });
});
