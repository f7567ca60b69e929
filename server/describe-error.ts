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
  switch (error.kind) {
    case 'no-project':
      return 'No project is open; open a project folder first.';
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
      const grants = list('grants');
      return `This project is not trusted yet, so nothing was run. Launching "${s('slug')}" would run: ${commandLineOf({ command: s('command'), args: list('args') })}${env.length > 0 ? ` (setting ${env.join(', ')})` : ''}.${grants.length > 0 ? ` It ${grants.join('; it ')}.` : ''} Trust the project to launch its agents.`;
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
    case 'store-write-failed':
      return `Tessera could not write "${s('path')}": ${s('message')}.`;
    case 'fs-failed':
      return `A file operation on "${s('path')}" failed: ${s('message')}.`;
    case 'session-not-found':
      return `There is no session "${s('id')}".`;
    case 'session-not-live':
      return `The session "${s('id')}" has ended.`;
    case 'resume-unsupported':
      return `The profile "${s('profileId')}" has no way to resume a conversation.`;
    case 'command-not-found':
      return `The command "${s('command')}" was not found; is it installed and on PATH?`;
    case 'spawn-failed':
      return `"${s('command')}" could not be started: ${s('message')}.`;
    case 'workspace-unsupported':
      return s('message') || `The workspace mode "${s('workspace')}" is not supported yet.`;
    case 'not-a-git-repository':
      return `A worktree agent needs the project to be a git repository with a commit, and "${s('path')}" is not in one; run git init and commit there, or choose another workspace.`;
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
    default:
      // A kind this table does not know yet still reads as something, and keeps its detail.
      return s('message') || s('reason') || `The request failed (${error.kind}).`;
  }
}
