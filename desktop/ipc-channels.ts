/** The IPC channel names shared by the main-process wrapper and the preload; nothing else uses IPC. */
export const IPC = {
  /** invoke: `{ method, params }` -> contract Response. */
  call: 'tessera:call',
  /** main -> renderer: `{ name, payload }` contract events. */
  event: 'tessera:event',
  /** renderer -> main (send): `{ sessionId, requestId }`; the answer is a MessagePort on `terminalPort`. */
  attachTerminal: 'tessera:attach-terminal',
  /** main -> renderer (postMessage with one port): `{ requestId }`. */
  terminalPort: 'tessera:terminal-port',
  /** invoke: -> the chosen folder, or undefined. Outside the contract: the web app has no native dialog. */
  pickFolder: 'tessera:pick-folder',
  /** invoke: `url` -> undefined. Opens an http(s) link in the user's browser; desktop only, like pickFolder. */
  openExternal: 'tessera:open-external',
} as const;
