import { z } from 'zod';
import { scope, skillName, slug } from './fields';

/** The pane layout: a tree of splits whose leaves show an agent's terminal or a file's editor. */

const editorTarget = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('agent'), slug }),
  z.object({ kind: z.literal('skill'), name: skillName, scope }),
]);
const paneContent = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('terminal'), agent: slug }),
  z.object({ kind: z.literal('editor'), file: editorTarget }),
  z.object({ kind: z.literal('empty') }),
]);
export type LayoutNodeDto =
  | { type: 'pane'; id: string; content: z.infer<typeof paneContent> }
  | { type: 'split'; id: string; direction: 'row' | 'column'; ratio: number; first: LayoutNodeDto; second: LayoutNodeDto };
const paneId = z.string().min(1).max(64);
export const LayoutNodeSchema: z.ZodType<LayoutNodeDto> = z.lazy(() =>
  z.union([
    z.object({ type: z.literal('pane'), id: paneId, content: paneContent }),
    z.object({
      type: z.literal('split'),
      id: paneId,
      direction: z.enum(['row', 'column']),
      ratio: z.number().gt(0).lt(1),
      first: LayoutNodeSchema,
      second: LayoutNodeSchema,
    }),
  ]),
);
export const LayoutDto = z.object({
  version: z.literal(1),
  root: LayoutNodeSchema.nullable(),
  focused: paneId.optional(),
  maximized: paneId.optional(),
  /** Accepted and ignored where a layout.json holds it: relaunching is the user's choice in user config (project.setRelaunchOnOpen). */
  relaunchOnOpen: z.boolean().optional(),
});

export type LayoutDto = z.infer<typeof LayoutDto>;

/** A layout's revision in layout.json: each save names the one it was made from, and writes the next. */
export const layoutRevision = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
/** A window's own id, sent with its saves and named in their layout.changed, so it never applies its own save again. */
export const layoutOrigin = z.string().min(1).max(64);

/** layout.save: the layout, the revision it was made from, and who saves it. A save from an older revision fails with `layout-stale`. */
export const LayoutSaveParams = z.object({ layout: LayoutDto, basedOn: layoutRevision, origin: layoutOrigin.optional() });

/** Pushed to every window of the project after each save, with the layout itself, so none has to ask for it. */
export const LayoutChangedEvent = z.object({ layout: LayoutDto, revision: layoutRevision, origin: layoutOrigin.optional() });
export type LayoutChangedEvent = z.infer<typeof LayoutChangedEvent>;
