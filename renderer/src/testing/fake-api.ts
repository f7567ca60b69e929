import type { TerminalAttachment, TerminalSink, TesseraApi } from '../../../contract/api';
import type { EventName, EventPayload, MethodName, Params, Response, ResultOf } from '../../../contract/contract';

type Handler<M extends MethodName> = (params: Params<M>) => Response<ResultOf<M>> | Promise<Response<ResultOf<M>>>;

/**
 * A hand-written TesseraApi for unit tests of stores and views: each test answers the methods it
 * cares about, records every call, and pushes events by hand. Imported by tests only.
 */
export class FakeApi implements TesseraApi {
  readonly kind = 'web' as const;
  readonly calls: Array<{ method: MethodName; params: unknown }> = [];
  readonly attachments: Array<{ sessionId: string; sink: TerminalSink; sent: unknown[]; closed: boolean }> = [];
  private readonly handlers = new Map<MethodName, Handler<MethodName>>();
  private readonly listeners = new Map<string, Set<(payload: unknown) => void>>();

  answer<M extends MethodName>(method: M, handler: Handler<M> | ResultOf<M>): this {
    const fn = typeof handler === 'function' ? handler : () => ({ ok: true as const, value: handler });
    this.handlers.set(method, fn as unknown as Handler<MethodName>);
    return this;
  }

  fail(method: MethodName, kind: string, message = kind): this {
    this.handlers.set(method, () => ({ ok: false, error: { kind, message } }));
    return this;
  }

  async call<M extends MethodName>(method: M, params: Params<M>): Promise<Response<ResultOf<M>>> {
    this.calls.push({ method, params });
    const handler = this.handlers.get(method) as unknown as Handler<M> | undefined;
    if (!handler) return { ok: false, error: { kind: 'not-implemented', message: `${method} is not answered in this test` } };
    return handler(params);
  }

  callsOf(method: MethodName): unknown[] {
    return this.calls.filter((c) => c.method === method).map((c) => c.params);
  }

  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
    const set = this.listeners.get(event) ?? new Set();
    this.listeners.set(event, set);
    set.add(listener as (payload: unknown) => void);
    return () => set.delete(listener as (payload: unknown) => void);
  }

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    for (const listener of [...(this.listeners.get(event) ?? [])]) listener(payload);
  }

  listenerCount(event: EventName): number {
    return this.listeners.get(event)?.size ?? 0;
  }

  attachTerminal(sessionId: string, sink: TerminalSink): TerminalAttachment {
    const record = { sessionId, sink, sent: [] as unknown[], closed: false };
    this.attachments.push(record);
    return {
      ack: (bytes) => record.sent.push({ t: 'ack', bytes }),
      input: (data) => record.sent.push({ t: 'input', data }),
      resize: (cols, rows) => record.sent.push({ t: 'resize', cols, rows }),
      skip: () => record.sent.push({ t: 'skip' }),
      close: () => {
        record.closed = true;
      },
    };
  }
}

/** Lets pending promise callbacks run (store actions await the fake's answers). */
export async function settle(): Promise<void> {
  // Microtasks only, so tests with fake timers do not hang.
  for (let i = 0; i < 20; i++) await Promise.resolve();
}
