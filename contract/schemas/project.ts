import { z } from 'zod';

/** A project (a folder the user opened), the recent ones, and whether its agents may run (trust). */

export const ProjectDto = z.object({ root: z.string(), name: z.string() });
export const RecentProjectDto = z.object({ root: z.string(), name: z.string(), openedAt: z.number() });

/**
 * What launching one agent would run: shown before the first launch in a project the user has not
 * trusted yet. Env values are left out on purpose (they may hold secrets); keys say enough.
 */
export const LaunchPreviewDto = z.object({
  slug: z.string(),
  name: z.string(),
  command: z.string(),
  args: z.array(z.string()),
  envKeys: z.array(z.string()),
  /** What the command line lets the agent do without asking, one sentence each; absent when it grants nothing. */
  grants: z.array(z.string()).optional(),
  /** Set when the agent cannot be launched at all (broken persona, unknown profile). */
  error: z.string().optional(),
  /** Tessera's agent tools: the arguments that pass the agent its MCP configuration (they are in `args` too) and the MCP server that configuration runs. */
  agentTools: z.object({ args: z.array(z.string()), server: z.object({ command: z.string(), args: z.array(z.string()) }) }).optional(),
});

/** Whether the current project may run its agents, and the user's relaunch-on-open choice for it (user config, not the project). */
export const ProjectTrustDto = z.object({
  root: z.string(),
  trusted: z.boolean(),
  relaunchOnOpen: z.boolean(),
  /** What every agent of the project would run. */
  agents: z.array(LaunchPreviewDto),
  /** The project's set-up command (`.tessera/settings.json`), run in each new worktree before its agent starts. */
  worktreeSetup: z.string().optional(),
  /** Why `.tessera/settings.json` cannot be read. */
  settingsError: z.string().optional(),
});

export type ProjectDto = z.infer<typeof ProjectDto>;
export type RecentProjectDto = z.infer<typeof RecentProjectDto>;
export type LaunchPreviewDto = z.infer<typeof LaunchPreviewDto>;
export type ProjectTrustDto = z.infer<typeof ProjectTrustDto>;
