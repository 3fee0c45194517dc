/**
 * The preload: exposes exactly one object, `window.baomi`, the typed client of the contract
 * (the login gate's `auth:*` channels and the router's) over `ipcRenderer.invoke`. Nothing
 * else of Electron or Node reaches the page.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { clientContract } from '../common/api';
import { createClient } from '../common/api/client';

const client = createClient(clientContract, (channel, payload) => ipcRenderer.invoke(channel, payload));

contextBridge.exposeInMainWorld('baomi', client);
