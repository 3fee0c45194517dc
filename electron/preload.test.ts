import { beforeEach, describe, expect, it, vi } from 'vitest';
import { CLIENT_CHANNELS } from '../common/api';

const exposed: [string, unknown][] = [];
const invoke = vi.fn(async (..._args: unknown[]) => ({ ok: true, value: null }));

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => void exposed.push([key, api]) },
  ipcRenderer: { invoke: (...args: unknown[]) => invoke(...args) },
}));

beforeEach(async () => {
  exposed.length = 0;
  invoke.mockClear();
  vi.resetModules();
  await import('./preload');
});

describe('preload', () => {
  it('exposes exactly one object, window.baomi', () => {
    expect(exposed.map(([key]) => key)).toEqual(['baomi']);
  });

  it('offers domain.verb for each domain:verb channel of the client contract (auth included), and nothing else', () => {
    const api = exposed[0]?.[1] as Record<string, Record<string, unknown>>;
    const methods = Object.entries(api).flatMap(([domain, verbs]) => Object.keys(verbs).map((verb) => `${domain}:${verb}`));
    expect(methods.sort()).toEqual([...CLIENT_CHANNELS].sort());
    expect(methods).toContain('auth:login');
    for (const verbs of Object.values(api)) for (const fn of Object.values(verbs)) expect(typeof fn).toBe('function');
  });

  it('sends each method to its own channel over ipcRenderer.invoke', async () => {
    const api = exposed[0]?.[1] as Record<string, Record<string, (input?: unknown) => Promise<unknown>>>;
    for (const channel of CLIENT_CHANNELS) {
      const [domain, verb] = channel.split(':') as [string, string];
      await api[domain]?.[verb]?.({ probe: channel });
      expect(invoke).toHaveBeenLastCalledWith(channel, { probe: channel });
    }
    expect(invoke).toHaveBeenCalledTimes(CLIENT_CHANNELS.length);
  });
});
