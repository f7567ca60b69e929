import { contextBridge, ipcRenderer } from 'electron';
import { createDesktopApi, type IpcRendererLike } from './desktop-api';

/**
 * The sandboxed preload: the only file touching ipcRenderer. It exposes `window.tessera`, the
 * desktop transport's fixed `TesseraApi` surface (desktop-api.ts); ipcRenderer and the terminal
 * ports stay in this isolated world.
 */
contextBridge.exposeInMainWorld('tessera', createDesktopApi(ipcRenderer as unknown as IpcRendererLike));
