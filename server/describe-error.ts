import { commandLineOf } from '../domain/launch-preview';
import { printable } from '../domain/printable';
import type { DomainError } from '../domain/result';

/**
 * One clear sentence per error kind, for people (the UI shows it, the CLI prints it). The kind itself
 * crosses the boundary unchanged so code can branch on it (errors are never stringified). The details
 * often come from files (a name, a path, a YAML message), so the sentence is made printable: the CLI
 * prints it to a terminal and the UI shows it beside names that must read as what they are.
 */
export function describeError(error: DomainError): string {
  return printable(sentenceFor(error));
}

function sentenceFor(error: DomainError): string {
  const e = error as DomainError & Record<string, unknown>;
  const s = (key: string): string => (typeof e[key] === 'string' ? (e[key] as string) : '');
  const list = (key: string): string[] => (Array.isArray(e[key]) ? (e[key] as unknown[]).filter((x): x is string => typeof x === 'string') : []);
  const files = (key = 'files'): string => namesOf(list(key));
  const refusals = (): string => {
    const items = Array.isArray(e.files) ? (e.files as Array<{ path?: unknown; reason?: unknown }>) : [];
    return listed(items.map((f) => `"${String(f.path)}" (${f.reason === 'mixed' ? 'others changed it too' : 'edited again in the same lines since'})`));
  };
  switch (error.kind) {
    case 'no-project':
      return 'No project is open; open a project folder first.';
    case 'resources-unavailable':
      return 'This Tessera does not measure its agents.';
    case 'invalid-params':
      return `The request is malformed${s('message') ? `: ${s('message')}` : '.'}`;
    case 'internal':
      return 'Something went wrong inside Tessera; the details are in its log.';
    case 'shutting-down':
      return 'Tessera is shutting down.';
    case 'unknown-method':
      return `There is no method "${s('method')}".`;
    case 'project-not-found':
      return `The folder "${s('path')}" does not exist.`;
    case 'project-not-a-directory':
      return `"${s('path')}" is not a folder.`;
    case 'project-untrusted': {
      const env = list('envKeys');
      const setup = s('setupCommand') ? `, after the project's worktree set-up command: ${s('setupCommand')}` : '';
      const grants = list('grants');
      return `This project is not trusted yet, so nothing was run. Launching "${s('slug')}" would run: ${commandLineOf({ command: s('command'), args: list('args') })}${env.length > 0 ? ` (setting ${env.join(', ')})` : ''}${setup}.${grants.length > 0 ? ` It ${grants.join('; it ')}.` : ''} Trust the project to launch its agents.`;
    }
    case 'project-path-relative':
      return `"${s('path')}" is not an absolute path; give the full path of the folder (~ is your home folder).`;
    case 'project-is-filesystem-root':
      return `"${s('path')}" is the root of the file system; open a project folder inside it instead.`;
    case 'project-inside-tessera':
      return `"${s('path')}" is inside a project's .tessera folder, which holds Tessera's own files; open the project folder above it instead.`;
    case 'project-is-system-folder':
      return `"${s('path')}" is a system folder, not a project; open a project folder instead.`;
    case 'project-is-home-folder':
      return `"${s('path')}" is your home folder, which holds far more than one project; open a project folder inside it instead.`;
    case 'project-not-writable':
      return `Tessera cannot write in "${s('path')}": ${s('message')}.`;
    case 'name-empty':
      return 'A name is required.';
    case 'name-invalid':
      return `The name "${s('name')}" cannot be used: it ${s('reason')}.`;
    case 'size-invalid':
      return `That terminal size cannot be used: ${s('reason')}.`;
    case 'agent-exists':
      return `An agent named "${s('slug')}" already exists.`;
    case 'agent-not-found':
      return `There is no agent "${s('slug')}".`;
    case 'agent-invalid':
      return `The persona file of "${s('slug')}" is not valid: ${s('message')}`;
    case 'skill-exists':
      return `A ${s('scope') || 'project'} skill named "${s('name')}" already exists.`;
    case 'skill-not-found':
      return `There is no skill "${s('name')}".`;
    case 'skill-invalid':
      return `The SKILL.md of "${s('name')}" is not valid: ${s('message')}`;
    case 'skill-name-invalid':
      return `A skill's name is its folder's: lower-case letters, digits and hyphens, at most 64${s('suggestion') ? `; "${s('name')}" could be "${s('suggestion')}"` : `, which "${s('name')}" is not`}.`;
    case 'skill-description-missing':
      return 'Say in the description what the skill is for: agents choose skills by it, and the Agent Skills format requires one.';
    case 'skill-description-too-long':
      return `The description is longer than ${String(e.max)} characters, the most the Agent Skills format allows.`;
    case 'frontmatter-missing':
      return `The file has no valid frontmatter: ${s('message')}.`;
    case 'revision-conflict':
      return `"${s('slug') || s('name')}" changed on disk since it was opened; reload it before saving.`;
    case 'profile-not-found':
      return `There is no profile "${s('profileId')}".`;
    case 'profile-invalid':
      return `The profile "${s('id')}" is not valid: ${s('message')}`;
    case 'layout-invalid':
      return `The layout cannot be used: ${s('reason')}.`;
    case 'layout-stale':
      return 'The layout was changed in another window since this one last saw it; this window takes up the newer layout.';
    case 'store-write-failed':
      return `Tessera could not write "${s('path')}": ${s('message')}.`;
    case 'fs-failed':
      return `A file operation on "${s('path')}" failed: ${s('message')}.`;
    case 'approval-not-found':
      return 'That request is no longer waiting: the agent has moved on.';
    case 'approval-in-terminal':
      return 'Tessera cannot answer this request safely: answer it in the terminal.';
    case 'approval-not-taken':
      return 'The agent did not take the answer (its prompt is still there): answer it in the terminal.';
    case 'approval-gone':
      return 'The agent stopped waiting for Tessera\'s answer: answer it in the terminal.';
    case 'session-not-found':
      return `There is no session "${s('id')}".`;
    case 'session-not-live':
      return `The session "${s('id')}" has ended.`;
    case 'resume-unsupported':
      return `The profile "${s('profileId')}" has no way to resume a conversation.`;
    case 'command-not-found':
      return s('profile')
        ? `${s('profile')} is not installed: "${s('command')}" was not found on the PATH Tessera gives agents. Install it, or give this agent another profile.`
        : `The command "${s('command')}" was not found; is it installed and on PATH?`;
    case 'spawn-failed':
      return `"${s('command')}" could not be started: ${s('message')}.`;
    case 'workspace-unsupported':
      return s('message') || `The workspace mode "${s('workspace')}" is not supported yet.`;
    case 'not-a-git-repository':
      return `"${s('path')}" is not in a git repository. Worktree agents, and reviewing or undoing agents' changes, need one: run git init there (and commit, for a worktree), or choose another workspace.`;
    case 'worktree-failed':
      return `Git could not prepare the agent's worktree at "${s('path')}": ${s('message').replace(/\.$/, '')}.`;
    case 'worktree-dirty':
      return `The worktree at "${s('path')}" has uncommitted work, so Tessera leaves it in place.`;
    case 'injection-would-overwrite':
      return `The repository tracks its own ${s('target')}, so Tessera will not overwrite it in the agent's worktree; use a profile that injects by args, env or stdin.`;
    case 'injection-invalid':
      return `The profile cannot hand the agent its context: ${s('reason')}.`;
    case 'injection-unsupported-in-project-mode':
      return `In the "project" workspace Tessera will not overwrite your ${s('target')}; use the run-dir workspace or a profile that injects by args, env or stdin.`;
    case 'message-empty':
      return 'Type a message to send.';
    case 'landing-unavailable':
      return 'Reviewing and landing agents\' work is not available in this Tessera.';
    case 'git-failed':
      return `Git failed: ${s('message').replace(/\.$/, '')}.`;
    case 'ref-exists':
      return `Tessera's checkpoint ${s('ref')} exists already; try again.`;
    case 'turn-not-found':
      return `"${s('slug')}" has no recorded turn ${String(e.turn)} (old turns are pruned).`;
    case 'turn-running':
      return `Turn ${String(e.turn)} of "${s('slug')}" is still running; undo it once it has ended.`;
    case 'turn-start-not-recorded':
      return `The start of turn ${String(e.turn)} of "${s('slug')}" was not recorded, so Tessera cannot tell what to take back.`;
    case 'undo-needs-confirmation':
      return `Undoing turn ${String(e.turn)} of "${s('slug')}" needs your confirmation for ${refusals()}: the lines restored there would replace later work (kept in a checkpoint).`;
    case 'undo-changed-since-preview':
      return `${files('paths')} changed since the preview; look at the undo again before applying it.`;
    case 'worktree-missing':
      return `The worktree of "${s('slug')}" at "${s('path')}" does not exist; launch the agent to make it again.`;
    case 'not-a-worktree-agent':
      return `"${s('slug')}" works in the project's checkout, not on a branch of its own; its changes are reviewed turn by turn.`;
    case 'base-unknown':
      return `Tessera cannot tell which branch "${s('slug')}" started from; check out that branch in the project and try again.`;
    case 'base-branch-not-found':
      return `The branch ${s('branch')} that "${s('slug')}" started from no longer exists.`;
    case 'nothing-to-land':
      return `"${s('slug')}" has nothing that its base branch lacks.`;
    case 'land-conflict':
      return `Landing "${s('slug')}" conflicts in ${files()}; nothing was changed. Resolve it in the agent's worktree (or ask the agent to), then land again.`;
    case 'base-has-uncommitted-changes':
      return `${s('branch')} is checked out at "${s('checkout')}" with uncommitted changes in ${files()}, which landing would overwrite; commit or stash them first. Nothing was changed.`;
    case 'not-fast-forward':
      return `${s('branch')} has moved on since "${s('slug')}" started, so it cannot simply move forward; land with a merge commit or a rebase.`;
    case 'commit-message-required':
      return `"${s('slug')}" has uncommitted changes in ${files()}; give a commit message for them.`;
    case 'nothing-to-commit':
      return `"${s('slug')}" has nothing uncommitted.`;
    case 'uncommitted-work':
      return `"${s('slug')}" has uncommitted changes in ${files()} that the pull request would miss; commit them first.`;
    case 'branch-moved':
      return `The branch ${s('branch')} moved while Tessera worked on it; nothing was changed. Look again and retry.`;
    case 'checkout-blocked':
      return `Git would not update the checkout at "${s('checkout')}": ${s('message').replace(/\.$/, '')}. Nothing was changed.`;
    case 'rebase-conflict':
      return `The rebase stopped on a conflict in ${files()} and was undone; nothing was changed.`;
    case 'pull-request-failed':
      return `The pull request could not be opened: ${s('message').replace(/\.$/, '')}.`;
    case 'confirmation-required':
      return `Discarding the changes of "${s('slug')}" needs your confirmation.`;
    case 'changed-since-preview':
      return `The work of "${s('slug')}" changed since the preview; look at it again before discarding.`;
    case 'discard-would-lose':
      return `Discarding the changes of "${s('slug')}" would delete ${files()}, too large for Tessera to keep a copy of; move them away first.`;
    case 'agent-running':
      return `"${s('slug')}" is running in its worktree; stop it before removing the worktree.`;
    case 'worktree-holds-work': {
      const lost = [list('files').length > 0 ? `uncommitted work in ${files()}` : '', list('commits').length > 0 ? `${list('commits').length === 1 ? 'the commit' : 'the commits'} ${namesOf(list('commits'))} that no other branch has` : ''].filter(Boolean);
      return `Removing the worktree of "${s('slug')}" would lose ${lost.join(' and ')} (${s('branch')} at "${s('path')}"); land, commit, push or discard that work first.`;
    }
    case 'too-few-agents':
      return 'Name at least two agents to compare.';
    case 'worktree-setup-failed': {
      const how = e.timedOut === true ? 'did not finish in time' : `failed (exit code ${String(e.exitCode)})`;
      const output = s('output').trim();
      return `The project's worktree set-up command ${how}, so "${s('slug')}" was not started: ${s('command')}${output ? `\n${output.slice(-2000)}` : ''}`;
    }
    case 'command-start-failed':
      return `The command could not be started: ${s('command')} (${s('message')}).`;
    case 'project-settings-invalid':
      return `The project's settings file "${s('path')}" cannot be used: ${s('reason')}.`;
    default:
      // A kind this table does not know yet still reads as something, and keeps its detail.
      return s('message') || s('reason') || `The request failed (${error.kind}).`;
  }
}

/** A few names, quoted, and how many more there are. */
function namesOf(names: readonly string[]): string {
  return listed(names.map((n) => `"${n}"`));
}

function listed(items: readonly string[]): string {
  if (items.length === 0) return 'some files';
  const shown = items.slice(0, 5).join(', ');
  return items.length > 5 ? `${shown} and ${items.length - 5} more` : shown;
}
