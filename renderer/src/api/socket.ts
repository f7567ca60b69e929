/**
 * The slice of the browser WebSocket the clients use, so unit tests can hand them a fake socket
 * and drive it frame by frame.
 */
export interface SocketLike {
  binaryType: string;
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((event: unknown) => void) | null;
  onclose: ((event: { code?: number; reason?: string }) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onerror: ((event: unknown) => void) | null;
}

export type OpenSocket = (url: string) => SocketLike;

export const SOCKET_OPEN = 1;

export const openBrowserSocket: OpenSocket = (url) => new WebSocket(url) as unknown as SocketLike;

/** Turns the page origin (http/https/ws/wss) into the WebSocket URL of a path, token in the query. */
export function socketUrl(base: string, path: string, token: string): string {
  const url = new URL(path, base);
  if (url.protocol === 'http:') url.protocol = 'ws:';
  else if (url.protocol === 'https:') url.protocol = 'wss:';
  if (token) url.searchParams.set('token', token);
  return url.toString();
}
