import { err, ok, type DomainError, type Result } from '../../domain/result';
import type { ParsedParams, ResultOf } from '../../contract/contract';
import type { usageMethods } from '../../contract/usage';
import type { ListUsageHistory } from '../../application/list-usage-history';
import type { ResourcesService } from '../host-resources';
import type { UsageSettingsService } from '../usage-settings-service';

/** What the usage methods need of a connection: the host's meters and the user's settings of them, where the host has them. */
export interface UsageContext {
  readonly resources?: ResourcesService;
  readonly usageSettings?: Pick<UsageSettingsService, 'get' | 'save'>;
  /** The open project's use cases, where one is open. */
  current(): { readonly listUsageHistory?: Pick<ListUsageHistory, 'execute'> } | undefined;
}

type UsageMethod = keyof typeof usageMethods;
type UsageHandler<M extends UsageMethod> = (params: ParsedParams<M>, ctx: UsageContext) => Promise<Result<ResultOf<M>, DomainError>>;

const unavailable: DomainError = { kind: 'resources-unavailable' };
const noProject: DomainError = { kind: 'no-project' };

/** The router's handlers of the usage methods (contract/usage.ts): they only translate. */
export const usageHandlers: { readonly [M in UsageMethod]: UsageHandler<M> } = {
  'resources.list': async (_params, ctx) => (ctx.resources ? ok(ctx.resources.list()) : err(unavailable)),
  'resources.stop': async ({ id }, ctx) => {
    if (!ctx.resources) return err(unavailable);
    const stopped = await ctx.resources.stop(id);
    return stopped.ok ? ok({}) : stopped;
  },
  'usage.history': async ({ days }, ctx) => {
    const project = ctx.current();
    if (!project) return err(noProject);
    if (!project.listUsageHistory) return err(unavailable);
    return project.listUsageHistory.execute({ days });
  },
  'usage.settings.get': async (_params, ctx) => (ctx.usageSettings ? ok(await ctx.usageSettings.get()) : err(unavailable)),
  'usage.settings.save': async (settings, ctx) => (ctx.usageSettings ? ctx.usageSettings.save(settings) : err(unavailable)),
};
