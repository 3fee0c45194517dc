import type { IpcMainInvokeEvent, WebContents } from 'electron';
import type { Result } from '../common/api/result';
import { isAppPageUrl } from './protocol';

export const FOREIGN_SENDER: Result<never> = Object.freeze({
  ok: false,
  error: Object.freeze({ code: 'FORBIDDEN', message: '拒绝来自未知页面的请求' }),
}) as Result<never>;

const INTERNAL: Result<never> = { ok: false, error: { code: 'INTERNAL', message: '操作未完成：程序内部错误。请重试，如仍失败请联系系统管理员。' } };

export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown): void;
}

/**
 * True only for a call from the main frame of the application window while it shows one of
 * our own pages (`app://app/…`) — not from a subframe, another window or a foreign page.
 */
export function isTrustedSender(event: IpcMainInvokeEvent, contents: WebContents | null): boolean {
  const frame = event.senderFrame;
  if (!contents || contents.isDestroyed() || !frame) return false;
  if (event.sender.id !== contents.id) return false;
  const main = contents.mainFrame;
  if (frame.parent !== null || frame.processId !== main.processId || frame.routingId !== main.routingId) return false;
  return isAppPageUrl(frame.url);
}

/**
 * What the IPC handlers talk to: the login gate (db/security/gate.ts). It serves the public
 * `auth:*` channels and passes every other channel to the router with the session it holds;
 * the renderer never says who it is.
 */
export interface GateLike {
  invoke(channel: string, payload: unknown): Promise<Result<unknown>>;
}

export interface IpcDeps {
  ipcMain: IpcMainLike;
  /** Every channel the renderer's client may call (`CLIENT_CHANNELS`). */
  channels: readonly string[];
  gate: GateLike;
  /** The web contents of the application window, once it exists. */
  getAppContents(): WebContents | null;
  logError?: (error: unknown, channel: string) => void;
}

/** One `ipcMain.handle` per client channel, each checking its sender before the gate. */
export function registerIpc(deps: IpcDeps): void {
  for (const channel of deps.channels) {
    deps.ipcMain.handle(channel, async (event, payload) => {
      if (!isTrustedSender(event, deps.getAppContents())) return FOREIGN_SENDER;
      try {
        return await deps.gate.invoke(channel, payload);
      } catch (error) {
        (deps.logError ?? ((e, c) => console.error(`[ipc] ${c}:`, e)))(error, channel);
        return INTERNAL;
      }
    });
  }
}
