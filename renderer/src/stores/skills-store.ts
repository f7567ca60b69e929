import type { StoreApi } from 'zustand/vanilla';
import type { TesseraApi } from '../../../contract/api';
import type { Params, SkillSummaryDto } from '../../../contract/contract';
import { createDtoListStore, type DtoListState } from './dto-list-store';

export type SkillsState = DtoListState<SkillSummaryDto, Params<'skills.create'>>;

/** A project skill and a global skill may share a name, so the key carries the scope. */
export const skillKey = (skill: { name: string; scope: 'project' | 'global' }) => `${skill.scope}:${skill.name}`;

export function createSkillsStore(api: TesseraApi): StoreApi<SkillsState> {
  return createDtoListStore<SkillSummaryDto, Params<'skills.create'>>({
    list: () => api.call('skills.list', {}),
    create: (input) => api.call('skills.create', input),
    onChanged: (listener) => api.on('skills.changed', listener),
    key: skillKey,
  });
}
