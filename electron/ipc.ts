import type { IpcMainInvokeEvent, WebContents } from 'electron';
import type { Result } from '../common/api/result';
import type { Session } from '../common/security/roles';
import type { Router } from '../db/router/router';
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

export interface IpcDeps {
  ipcMain: IpcMainLike;
  channels: readonly string[];
  router: Pick<Router, 'invoke'>;
  /** Who is using the app; the renderer never says who it is. */
  getSession(): Session | null;
  /** The web contents of the application window, once it exists. */
  getAppContents(): WebContents | null;
  logError?: (error: unknown, channel: string) => void;
}

/** One `ipcMain.handle` per contract channel, each checking its sender before the router. */
export function registerIpc(deps: IpcDeps): void {
  for (const channel of deps.channels) {
    deps.ipcMain.handle(channel, async (event, payload) => {
      if (!isTrustedSender(event, deps.getAppContents())) return FOREIGN_SENDER;
      try {
        return await deps.router.invoke(channel, deps.getSession(), payload);
      } catch (error) {
        (deps.logError ?? ((e, c) => console.error(`[ipc] ${c}:`, e)))(error, channel);
        return INTERNAL;
      }
    });
  }
}
