/**
 * The preload: exposes exactly one object, `window.baomi`, the typed client of the contract
 * over `ipcRenderer.invoke`. Nothing else of Electron or Node reaches the page.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { contract } from '../common/api';
import { createClient } from '../common/api/client';

const client = createClient(contract, (channel, payload) => ipcRenderer.invoke(channel, payload));

contextBridge.exposeInMainWorld('baomi', client);
