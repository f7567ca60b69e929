import { METHOD_NAMES, type MethodName } from '../../contract/contract';
import type { HostApi, HostEvent } from '../host-api';

/** JSON-RPC 2.0 over the `/rpc` WebSocket. The `result` is the contract Response `{ ok, value | error }`. */

export const RPC_PARSE_ERROR = -32700;
export const RPC_INVALID_REQUEST = -32600;
export const RPC_METHOD_NOT_FOUND = -32601;

type Id = string | number | null;

export interface RpcSuccess {
  readonly jsonrpc: '2.0';
  readonly id: Id;
  readonly result: unknown;
}
export interface RpcFailure {
  readonly jsonrpc: '2.0';
  readonly id: Id;
  readonly error: { readonly code: number; readonly message: string };
}
export type RpcReply = RpcSuccess | RpcFailure;

const known = new Set<string>(METHOD_NAMES);

const failure = (id: Id, code: number, message: string): RpcFailure => ({ jsonrpc: '2.0', id, error: { code, message } });

/**
 * Answers one WebSocket text message. Returns the reply text, or undefined when nothing is to be
 * sent (a notification, or a batch of notifications).
 */
export async function handleRpcText(host: Pick<HostApi, 'call'>, text: string): Promise<string | undefined> {
  let message: unknown;
  try {
    message = JSON.parse(text);
  } catch {
    return JSON.stringify(failure(null, RPC_PARSE_ERROR, 'Parse error: the message is not valid JSON.'));
  }
  if (Array.isArray(message)) {
    if (message.length === 0) return JSON.stringify(failure(null, RPC_INVALID_REQUEST, 'Invalid Request: empty batch.'));
    const replies = (await Promise.all(message.map((item) => handleRpcRequest(host, item)))).filter((r) => r !== undefined);
    return replies.length > 0 ? JSON.stringify(replies) : undefined;
  }
  const reply = await handleRpcRequest(host, message);
  return reply === undefined ? undefined : JSON.stringify(reply);
}

async function handleRpcRequest(host: Pick<HostApi, 'call'>, request: unknown): Promise<RpcReply | undefined> {
  if (typeof request !== 'object' || request === null) return failure(null, RPC_INVALID_REQUEST, 'Invalid Request: expected an object.');
  const { jsonrpc, id, method, params } = request as Record<string, unknown>;
  const hasId = 'id' in request;
  const validId = id === null || typeof id === 'string' || (typeof id === 'number' && Number.isFinite(id));
  if (jsonrpc !== '2.0' || typeof method !== 'string' || (hasId && !validId)) {
    return failure(validId ? (id as Id) : null, RPC_INVALID_REQUEST, 'Invalid Request: expected {"jsonrpc":"2.0","id","method","params"}.');
  }
  if (!known.has(method)) {
    return hasId ? failure(id as Id, RPC_METHOD_NOT_FOUND, `Method not found: ${method.slice(0, 100)}`) : undefined;
  }
  // Params are parsed by the router with the method's schema; absent params mean "none".
  const result = await host.call(method as MethodName, params ?? {});
  return hasId ? { jsonrpc: '2.0', id: id as Id, result } : undefined;
}

/** A contract event as a JSON-RPC notification. */
export function eventNotification(event: HostEvent): string {
  return JSON.stringify({ jsonrpc: '2.0', method: event.name, params: event.payload });
}

/**
 * The answer to a message too large to read: an Invalid Request error for the request's id, found
 * in the message's first bytes (null when it is not there), with the kind a client can branch on.
 */
export function tooLargeReply(head: string, bytes: number, limit: number): string {
  const mb = (n: number) => `${(n / (1024 * 1024)).toFixed(1)} MB`;
  const reply = {
    jsonrpc: '2.0',
    id: idIn(head),
    error: { code: RPC_INVALID_REQUEST, message: `The request is too large (${mb(bytes)}; at most ${mb(limit)}).`, data: { kind: 'request-too-large' } },
  };
  return JSON.stringify(reply);
}

function idIn(head: string): Id {
  const match = /^\s*\{\s*(?:"jsonrpc"\s*:\s*"2\.0"\s*,\s*)?"id"\s*:\s*(-?\d{1,15}|"(?:[^"\\]|\\.){0,100}"|null)\s*[,}]/.exec(head);
  if (!match?.[1]) return null;
  try {
    const id = JSON.parse(match[1]) as unknown;
    return typeof id === 'number' || typeof id === 'string' ? id : null;
  } catch {
    return null;
  }
}
