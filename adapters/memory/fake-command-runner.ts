import type { CommandOutcome, CommandRequest, CommandRunner, CommandStartError } from '../../domain/ports/command-runner.port';
import { err, ok, type Result } from '../../domain/result';

/** What a scripted command does: its exit code and output, or that it runs past any timeout. */
export type FakeCommand = (request: CommandRequest) => { readonly exitCode: number; readonly output: string } | 'hangs';

/**
 * CommandRunner for use-case tests: each command line is a script defined by the test; an
 * undefined one fails to start, as a missing shell would. Every run is recorded.
 */
export class FakeCommandRunner implements CommandRunner {
  private readonly scripts = new Map<string, FakeCommand>();
  readonly runs: CommandRequest[] = [];

  define(command: string, script: FakeCommand): this {
    this.scripts.set(command, script);
    return this;
  }

  async run(request: CommandRequest): Promise<Result<CommandOutcome, CommandStartError>> {
    this.runs.push(request);
    const script = this.scripts.get(request.command);
    if (!script) return err({ kind: 'command-start-failed', command: request.command, message: 'no such command' });
    const result = script(request);
    if (result === 'hangs') return ok({ exitCode: undefined, timedOut: true, output: '', truncated: false });
    const bytes = new TextEncoder().encode(result.output);
    const truncated = bytes.length > request.maxOutputBytes;
    const output = truncated ? new TextDecoder().decode(bytes.subarray(bytes.length - request.maxOutputBytes)).replace(/^\uFFFD+/, '') : result.output;
    return ok({ exitCode: result.exitCode, timedOut: false, output, truncated });
  }
}
