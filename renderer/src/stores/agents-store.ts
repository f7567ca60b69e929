import type { StoreApi } from 'zustand/vanilla';
import type { TesseraApi } from '../../../contract/api';
import type { AgentSummaryDto, Params } from '../../../contract/contract';
import { createDtoListStore, type DtoListState } from './dto-list-store';

export type AgentsState = DtoListState<AgentSummaryDto, Params<'agents.create'>>;

/** The project's agents as DTOs, keyed by slug. */
export function createAgentsStore(api: TesseraApi): StoreApi<AgentsState> {
  return createDtoListStore({
    list: () => api.call('agents.list', {}),
    create: (input) => api.call('agents.create', input),
    onChanged: (listener) => api.on('agents.changed', listener),
    key: (agent) => agent.slug,
  });
}
