import { z } from 'zod';
import type { DomainError } from '../../domain/result';
import { methods, type MethodName, type ParsedParams, type Response } from '../../contract/contract';
import { describeError } from '../describe-error';
import { agentHandlers } from './agent-handlers';
import { landingHandlers } from './landing-handlers';
import { messagingHandlers } from './messaging-handlers';
import { projectHandlers } from './project-handlers';
import type { Handler, HandlerTable, RouterContext } from './route-kit';
import { sessionHandlers } from './session-handlers';
import { usageHandlers } from './usage-handlers';

export type { LandingServices, ProjectUseCases, RouterContext } from './route-kit';

/**
 * The router: a table from every contract method to a handler. It parses the params with
 * the method's schema, calls one use case, and maps the Result: ok -> the DTO (shaped by the result
 * schema), err -> `{ kind, message }` with a sentence from describeError. Handlers only translate;
 * the rules live in the use cases. A throw is a bug: logged, answered as kind 'internal'.
 */

const areas = [projectHandlers, agentHandlers, sessionHandlers, landingHandlers, usageHandlers, messagingHandlers] as const;

/** Every method's handler: a method no area handles does not compile. */
export const handlers: HandlerTable = Object.assign({}, ...areas) as typeof projectHandlers & typeof agentHandlers & typeof sessionHandlers & typeof landingHandlers & typeof usageHandlers & typeof messagingHandlers;

/** The methods two areas both handle: none, or this does not compile (the later area would win silently). */
type KeysOf<T> = T extends unknown ? keyof T : never;
type Shared<T extends readonly object[]> = T extends readonly [infer Head, ...infer Rest extends readonly object[]] ? Extract<keyof Head, KeysOf<Rest[number]>> | Shared<Rest> : never;
const eachMethodInOneArea: [Shared<typeof areas>] extends [never] ? true : never = true;
void eachMethodInOneArea;

export const ROUTED_METHODS = Object.keys(handlers) as MethodName[];

export class Router {
  constructor(private readonly ctx: RouterContext) {}

  /** Never throws. `method` must be a contract method name (transports answer unknown names themselves). */
  async handle(method: MethodName, rawParams: unknown): Promise<Response<unknown>> {
    if (!Object.hasOwn(handlers, method)) return failure({ kind: 'unknown-method', message: `There is no method "${String(method).slice(0, 100)}".` });
    // Everything below, parsing included, is inside the try: a payload must never make handle throw.
    try {
      const spec = methods[method];
      // zod walks a recursive schema recursively: a 3000-level layout would overflow the stack, so depth is capped first.
      if (nestingExceeds(rawParams, MAX_PARAMS_DEPTH)) {
        return failure({ kind: 'invalid-params', message: describeError({ kind: 'invalid-params', message: `nested deeper than ${MAX_PARAMS_DEPTH} levels` } as DomainError) });
      }
      const params = spec.params.safeParse(rawParams ?? {});
      if (!params.success) return failure({ kind: 'invalid-params', message: describeError({ kind: 'invalid-params', message: z.prettifyError(params.error).slice(0, 500) } as DomainError) });
      const handler = handlers[method] as Handler<MethodName>;
      const result = await handler(params.data as ParsedParams<MethodName>, this.ctx);
      if (!result.ok) return failure({ kind: result.error.kind, message: describeError(result.error) });
      const shaped = spec.result.safeParse(result.value);
      if (!shaped.success) {
        this.ctx.log(`router: ${method} produced a result outside the contract: ${z.prettifyError(shaped.error)}`);
        return failure({ kind: 'internal', message: describeError({ kind: 'internal' }) });
      }
      return { ok: true, value: shaped.data };
    } catch (error) {
      this.ctx.log(`router: ${method} threw`, error);
      return failure({ kind: 'internal', message: describeError({ kind: 'internal' }) });
    }
  }
}

function failure(error: { kind: string; message: string }): Response<never> {
  return { ok: false, error };
}

/** Far more than any real request needs (a layout of 60 nested splits is about 130 levels), far less than a stack overflow. */
export const MAX_PARAMS_DEPTH = 256;

/** True when `value` nests objects/arrays deeper than `max`; iterative, so a hostile depth cannot overflow the stack here either. */
export function nestingExceeds(value: unknown, max: number): boolean {
  const stack: Array<{ value: unknown; depth: number }> = [{ value, depth: 0 }];
  let visited = 0;
  while (stack.length > 0) {
    const next = stack.pop()!;
    if (typeof next.value !== 'object' || next.value === null) continue;
    if (next.depth >= max) return true;
    // Parsed JSON has no cycles, but a caller in-process could pass one: a visit budget ends the walk.
    if (++visited > 1_000_000) return true;
    for (const child of Object.values(next.value)) stack.push({ value: child, depth: next.depth + 1 });
  }
  return false;
}
