import { EXIT_FAILURE } from './cli-io';

/** A command's failure: one line on stderr, and its exit code. */
export class CommandError extends Error {
  constructor(
    message: string,
    readonly code: number = EXIT_FAILURE,
  ) {
    super(message);
  }
}
