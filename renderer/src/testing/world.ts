import type { AgentSummaryDto, ProfileDto, ResultOf, SessionDto, SkillSummaryDto } from '../../../contract/contract';
import type { PaneSizer } from '../stores/agent-launcher';
import { createAppStores, type AppStores } from '../stores/app-stores';
import { FakeApi } from './fake-api';

/** An agent as agents.list returns it; its name is the slug capitalised. */
export const agentDto = (slug: string, extra: Partial<AgentSummaryDto> = {}): AgentSummaryDto => ({
  slug, name: slug[0]!.toUpperCase() + slug.slice(1), profile: 'shell', skills: [], workspace: 'run-dir', ...extra,
});

export const sessionDto = (id: string, agent: string, extra: Partial<SessionDto> = {}): SessionDto => ({
  id, agent, agentName: agent, profile: 'shell', pid: 10, cwd: '/p', status: 'busy', startedAt: 1, cols: 80, rows: 24, missingSkills: [], ...extra,
});

export const skillDto = (name: string, extra: Partial<SkillSummaryDto> = {}): SkillSummaryDto => ({ name, description: `About ${name}.`, scope: 'project', ...extra });

export const profileDto = (id: string, extra: Partial<ProfileDto> = {}): ProfileDto => ({
  id, name: id[0]!.toUpperCase() + id.slice(1), command: id, args: [], env: {}, inject: { kind: 'stdin' }, status: { needsInput: [], busy: [] }, builtin: true, ...extra,
});

/** Every pane measures 100 x 30 where nothing can be laid out. */
export const FIXED_SIZER: PaneSizer = { terminalSize: () => ({ cols: 100, rows: 30 }) };

export interface ProjectContents {
  readonly agents?: AgentSummaryDto[];
  readonly skills?: SkillSummaryDto[];
  readonly sessions?: SessionDto[];
  readonly profiles?: ProfileDto[];
  readonly layout?: Omit<ResultOf<'layout.get'>, 'revision'> & { readonly revision?: number };
  readonly sizer?: PaneSizer;
}

/**
 * The stores of an app with project /work/demo open, over a FakeApi that answers the lists with
 * `contents` (and saves layouts); a test answers the rest of what it does.
 */
export async function openProject(contents: ProjectContents = {}): Promise<{ api: FakeApi; stores: AppStores }> {
  const api = new FakeApi()
    .answer('project.current', { root: '/work/demo', name: 'demo' })
    .answer('project.recent', [])
    .answer('project.trustInfo', { root: '/work/demo', trusted: true, relaunchOnOpen: false, agents: [] })
    .answer('agents.list', contents.agents ?? [])
    .answer('skills.list', contents.skills ?? [])
    .answer('sessions.list', contents.sessions ?? [])
    .answer('profiles.list', contents.profiles ?? [])
    .answer('layout.get', { version: 1, root: null, revision: 0, ...contents.layout })
    .answer('layout.save', { revision: 1 });
  const stores = createAppStores(api, { sizer: contents.sizer ?? FIXED_SIZER, storage: memoryStorage(), layout: { saveDelayMs: 60_000 } });
  await stores.start();
  return { api, stores };
}

export function memoryStorage(): Pick<Storage, 'getItem' | 'setItem'> {
  const items = new Map<string, string>();
  return { getItem: (key) => items.get(key) ?? null, setItem: (key, value) => void items.set(key, value) };
}
