import type { PullRequestFailedError, PullRequestOutcome, PullRequestRequest, PullRequests } from '../../domain/ports/pull-requests.port';
import { err, ok, type Result } from '../../domain/result';
import { GitProcess, gitMessage } from './git-process';

export interface GhPullRequestsOptions {
  /** The GitHub CLI; `gh` on PATH by default. */
  readonly gh?: string;
  readonly timeoutMs?: number;
}

/** gh never prompts nor checks for its own updates here: nobody is at a terminal to answer. */
const QUIET = { GH_PROMPT_DISABLED: '1', GH_NO_UPDATE_NOTIFIER: '1', NO_COLOR: '1' };

/**
 * PullRequests through the GitHub CLI. Without `gh`, or signed out of it, the answer is the
 * `gh pr create` command line for the user to run once they are.
 */
export class GhPullRequests implements PullRequests {
  private readonly gh: GitProcess;

  constructor(options: GhPullRequestsOptions = {}) {
    this.gh = new GitProcess({ git: options.gh ?? 'gh', name: 'gh', timeoutMs: options.timeoutMs ?? 60_000 });
  }

  async open(request: PullRequestRequest): Promise<Result<PullRequestOutcome, PullRequestFailedError>> {
    const args = ['pr', 'create', '--base', request.base, '--head', request.head, '--title', request.title, '--body', request.body];
    const command = ['gh', ...args];
    const status = await this.gh.run(['auth', 'status'], { cwd: request.dir, env: QUIET });
    if (status.code === -1 && /not installed/.test(status.stderr)) return ok({ kind: 'command', command, reason: 'gh-missing' });
    if (status.code !== 0) return ok({ kind: 'command', command, reason: 'gh-signed-out' });
    const created = await this.gh.run(args, { cwd: request.dir, env: QUIET });
    if (created.code !== 0) return err({ kind: 'pull-request-failed', message: gitMessage(created) });
    const url = created.stdout.split('\n').map((l) => l.trim()).filter((l) => /^https?:\/\//.test(l)).pop();
    return url ? ok({ kind: 'opened', url }) : err({ kind: 'pull-request-failed', message: 'gh did not say where the pull request is' });
  }
}
