// Injected into the page before the renderer loads (the harness's stand-in for the Electron preload):
// exposes the same typed client as `window.baomi`, over Playwright's exposeBinding.
import { clientContract, type ClientContract } from '../../common/api';
import { createClient, type Client } from '../../common/api/client';
import { decodeWire, encodeWire } from '../../common/api/wire';

declare global {
  interface Window {
    __baomiInvoke(channel: string, payload: unknown): Promise<unknown>;
    readonly baomi: Client<ClientContract>;
  }
}

const client = createClient(clientContract, async (channel, payload) =>
  decodeWire(await window.__baomiInvoke(channel, encodeWire(payload))),
);
Object.defineProperty(window, 'baomi', { value: client, writable: false, configurable: false, enumerable: false });
