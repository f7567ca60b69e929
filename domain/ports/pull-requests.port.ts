import type { Result } from '../result';

export interface PullRequestRequest {
  /** A checkout of the repository (its remotes say where the pull request goes). */
  readonly dir: string;
  readonly base: string;
  readonly head: string;
  readonly title: string;
  readonly body: string;
}

/**
 * Opened, or the command that would open it when this machine cannot (no `gh`, or not signed in):
 * the user runs it themselves, so nothing is lost either way.
 */
export type PullRequestOutcome =
  | { readonly kind: 'opened'; readonly url: string }
  | { readonly kind: 'command'; readonly command: readonly string[]; readonly reason: 'gh-missing' | 'gh-signed-out' };

/** `message` is the tool's own reason (a pull request for that branch exists already, say). */
export type PullRequestFailedError = { readonly kind: 'pull-request-failed'; readonly message: string };

/** Pull requests on the repository's hosting service, by role. */
export interface PullRequests {
  open(request: PullRequestRequest): Promise<Result<PullRequestOutcome, PullRequestFailedError>>;
}
