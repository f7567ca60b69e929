import { ipcMain } from 'electron';
import type { Disposable } from '../domain/ports/disposable';
import { registerIpc, type IpcDeps, type IpcMainLike } from './ipc-wrapper';

/**
 * The one file that touches `ipcMain` (lint-enforced): it hands Electron's real ipcMain to the
 * wrapper, where every check lives and is tested with fakes.
 */
export function installIpc(deps: IpcDeps): Disposable {
  return registerIpc(ipcMain as unknown as IpcMainLike, deps);
}
