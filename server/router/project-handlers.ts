import { ok } from '../../domain/result';
import type { Layout } from '../../domain/layout';
import { layoutToShowDto, projectDto, trustDto, withoutRelaunch } from './dto';
import { inProject, map, type HandlerTable } from './route-kit';

/** Opening projects, the current project's trust and its saved layout. */
export const projectHandlers = {
  'project.open': async ({ path }, ctx) => map(await ctx.openProject(path), projectDto),
  'project.current': async (_params, ctx) => {
    const services = ctx.current();
    return ok(services ? projectDto(services.project) : null);
  },
  'project.recent': async (_params, ctx) => ok((await ctx.recentProjects()).map((p) => ({ root: p.root, name: p.name, openedAt: p.openedAt }))),

  'project.trustInfo': inProject(async (_params, s) => ok(trustDto(await s.describeTrust.execute()))),
  'project.trust': inProject(async (_params, s) => map(await s.trustProject.execute(), trustDto)),
  'project.setRelaunchOnOpen': inProject(async ({ enabled }, s) => map(await s.setRelaunchOnOpen.execute({ enabled }), trustDto)),

  'layout.get': inProject(async (_params, s) => map(await s.getLayout.execute(), layoutToShowDto)),
  'layout.save': inProject(async ({ layout, basedOn, origin }, s) =>
    s.saveLayout.execute({ layout: withoutRelaunch(layout as Layout), basedOn, ...(origin !== undefined ? { origin } : {}) }),
  ),
} satisfies Partial<HandlerTable>;
