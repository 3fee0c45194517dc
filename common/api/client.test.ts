import { describe, expect, it } from 'vitest';
import { createClient } from './client';
import { CHANNELS, contract } from './index';

function recordingTransport() {
  const calls: { channel: string; payload: unknown }[] = [];
  const invoke = (channel: string, payload: unknown) => {
    calls.push({ channel, payload });
    return Promise.resolve({ ok: true, value: `reply:${channel}` });
  };
  return { calls, invoke };
}

describe('createClient', () => {
  it('builds client.domain.verb for every domain:verb channel of the contract, calling the transport with its name', async () => {
    const { calls, invoke } = recordingTransport();
    const client = createClient(contract, invoke) as unknown as Record<string, Record<string, (input: unknown) => Promise<unknown>>>;
    expect(CHANNELS.length).toBeGreaterThan(0);
    for (const name of CHANNELS) {
      const [domain, verb] = name.split(':') as [string, string];
      const method = client[domain]?.[verb];
      expect(typeof method, name).toBe('function');
      const payload = { probe: name };
      await expect(method!(payload)).resolves.toEqual({ ok: true, value: `reply:${name}` });
      expect(calls.at(-1)).toEqual({ channel: name, payload });
    }
    expect(calls.map((c) => c.channel)).toEqual(CHANNELS);
  });

  it('has exactly the domains and verbs of the contract, nothing more', () => {
    const client = createClient(contract, recordingTransport().invoke) as unknown as Record<string, object>;
    const methods = Object.entries(client).flatMap(([domain, verbs]) => Object.keys(verbs).map((verb) => `${domain}:${verb}`));
    expect(methods.sort()).toEqual([...CHANNELS].sort());
    expect(typeof client.org).toBe('object');
    expect(Object.keys(client.org!).sort()).toEqual(['create', 'get', 'list', 'update', 'void']);
  });

  it('passes the typed payload through unchanged and sends {} when called without input', async () => {
    const { calls, invoke } = recordingTransport();
    const client = createClient(contract, invoke);
    await client.org.list({ q: '郑州大学', page: 2 });
    await client.app.info(undefined);
    expect(calls).toEqual([
      { channel: 'org:list', payload: { q: '郑州大学', page: 2 } },
      { channel: 'app:info', payload: {} },
    ]);
  });

  it('returns what the transport resolves, and rejections propagate', async () => {
    const failing = createClient(contract, () => Promise.reject(new Error('transport down')));
    await expect(failing.org.get({ id: 1 })).rejects.toThrow('transport down');
  });

  it('is frozen, so a page script cannot swap a method', () => {
    const client = createClient(contract, recordingTransport().invoke) as unknown as Record<string, Record<string, unknown>>;
    expect(Object.isFrozen(client)).toBe(true);
    for (const domain of Object.values(client)) expect(Object.isFrozen(domain)).toBe(true);
    expect(() => {
      client.org!.create = () => Promise.resolve(null);
    }).toThrow(TypeError);
    expect(() => {
      (client as Record<string, unknown>).evil = {};
    }).toThrow(TypeError);
  });

  it('is a plain object (no Proxy) that contextBridge can copy', () => {
    const client = createClient(contract, recordingTransport().invoke);
    expect(Object.getPrototypeOf(client)).toBe(Object.prototype);
    expect(Object.getPrototypeOf(client.org)).toBe(Object.prototype);
  });
});
