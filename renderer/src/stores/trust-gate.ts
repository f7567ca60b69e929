import { createStore, type StoreApi } from 'zustand/vanilla';
import type { TesseraApi } from '../../../contract/api';
import type { ProjectTrustDto } from '../../../contract/contract';
import type { LaunchGate } from './sessions-store';

/** A launch refused because the project is not trusted yet: the agent asked for, and what every agent would run. */
export interface TrustRequest {
  readonly agent: string;
  readonly info: ProjectTrustDto;
}

export interface TrustPromptState {
  /** The question on screen, if any ("Trust this project?"). */
  request: TrustRequest | null;
  /** Shows the question and resolves with the user's answer; launches that ask meanwhile share the one answer. */
  ask(request: TrustRequest): Promise<boolean>;
  answer(trust: boolean): void;
}

export function createTrustPrompts(): StoreApi<TrustPromptState> {
  let pending: { promise: Promise<boolean>; resolve: (yes: boolean) => void } | undefined;
  return createStore<TrustPromptState>()((set) => ({
    request: null,
    ask(request) {
      if (pending) return pending.promise;
      let resolve: (yes: boolean) => void = () => undefined;
      const promise = new Promise<boolean>((r) => (resolve = r));
      pending = { promise, resolve };
      set({ request });
      return promise;
    },
    answer(trust) {
      const current = pending;
      pending = undefined;
      set({ request: null });
      current?.resolve(trust);
    },
  }));
}

/**
 * The launch gate of an app: a refusal because the project is not trusted becomes the question
 * "Trust this project?" with what would run; yes trusts the project and launches again, no answers
 * with the refusal (whose message says nothing ran). The sessions store's launch, which every launch
 * path of the UI uses, is made with it (app-stores.ts).
 */
export function trustGate(deps: { readonly api: TesseraApi; readonly prompts: StoreApi<TrustPromptState> }): LaunchGate {
  return (launch) => async (agent, size) => {
    const first = await launch(agent, size);
    if (first.ok || first.error.kind !== 'project-untrusted') return first;
    const info = await deps.api.call('project.trustInfo', {});
    if (!info.ok) return first;
    // Another window may have trusted the project meanwhile.
    if (!info.value.trusted && !(await deps.prompts.getState().ask({ agent, info: info.value }))) return first;
    if (!info.value.trusted) {
      const trusted = await deps.api.call('project.trust', {});
      if (!trusted.ok) return trusted;
    }
    return launch(agent, size);
  };
}
