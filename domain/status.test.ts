import { describe, expect, it } from 'vitest';
import {
  checkDueAt, classifyScreen, compileStatusPatterns, exitStatus, nextStatus, screenTail, startStatus,
  type StatusEvent, type StatusState, type StatusTiming,
} from './status';

const timing: StatusTiming = { quietMs: 500, busyAfterMs: 200, checkEveryMs: 1000, echoMs: 100, startQuietMs: 2000 };
const matcher = compileStatusPatterns({ needsInput: ['Do you want to proceed\\?', '\\(y/n\\)\\s*$'], busy: ['esc to interrupt'] }, 4);

function run(events: StatusEvent[], from: StatusState = startStatus()): StatusState {
  return events.reduce((state, event) => nextStatus(state, event, matcher, timing), from);
}
const out = (at: number): StatusEvent => ({ kind: 'output', at });
const screen = (at: number, text: string): StatusEvent => ({ kind: 'screen', at, screen: text });

describe('classifying a screen', () => {
  it('looks only at the last non-blank lines, so an answered question higher up does not count', () => {
    const answered = 'Do you want to proceed?\nline 1\nline 2\nline 3\nline 4\n\n\n';
    expect(screenTail(answered, 4)).toBe('line 1\nline 2\nline 3\nline 4');
    expect(classifyScreen(answered, matcher)).toBe('quiet');
    expect(classifyScreen('work\nDo you want to proceed?\n  1. Yes\n\n', matcher)).toBe('needs-input');
  });

  it('matches a line-end anchored prompt only until the answer is typed after it', () => {
    expect(classifyScreen('Continue? (y/n)   \n', matcher)).toBe('needs-input');
    expect(classifyScreen('Continue? (y/n) y\n', matcher)).toBe('quiet');
  });

  it('prefers needs-input over busy, and matches case-insensitively', () => {
    expect(classifyScreen('Thinking (ESC to interrupt)\n', matcher)).toBe('busy');
    expect(classifyScreen('Thinking (esc to interrupt)\nDo you want to proceed?\n', matcher)).toBe('needs-input');
  });

  it('reads a running program as busy where the profile says so, and a question on it still as needs-input', () => {
    const shell = compileStatusPatterns({ needsInput: ['\\(y/n\\)\\s*$'], busy: [], runningProgram: 'busy' });
    const top = 'top - 10:00:01 up 3 days,  1 user\nTasks: 120 total\n  PID USER      %CPU COMMAND\n';
    expect(classifyScreen(top, shell, true)).toBe('busy');
    expect(classifyScreen(top, shell, false)).toBe('quiet');
    expect(classifyScreen(top, matcher, true)).toBe('quiet');
    expect(classifyScreen('Save changes? (y/n) ', shell, true)).toBe('needs-input');
  });

  it('skips a pattern that does not compile instead of failing', () => {
    const m = compileStatusPatterns({ needsInput: ['(unclosed', 'Allow\\?'], busy: [] });
    expect(m.needsInput).toHaveLength(1);
    expect(classifyScreen('Allow?', m)).toBe('needs-input');
  });
});

describe('the status machine', () => {
  it('is starting until the first output, then busy', () => {
    expect(startStatus().status).toBe('starting');
    expect(run([out(1000)]).status).toBe('busy');
  });

  it('asks for a screen read once output has been quiet, and settles to idle there', () => {
    const busy = run([out(1000), out(1100)]);
    expect(checkDueAt(busy, timing)).toBe(1600);
    const settled = run([screen(1600, 'prompt>')], busy);
    expect(settled.status).toBe('idle');
    expect(checkDueAt(settled, timing)).toBeUndefined();
  });

  it('keeps a shell running a program busy at its quiet points, and idle once the program ended', () => {
    const shell = compileStatusPatterns({ needsInput: [], busy: [], runningProgram: 'busy' });
    const steps = (events: StatusEvent[]) => events.reduce((state, event) => nextStatus(state, event, shell, timing), startStatus());
    const onTop = steps([out(1000), { kind: 'screen', at: 1500, screen: 'top - 10:00:01', programRunning: true }, out(4000), { kind: 'screen', at: 4500, screen: 'top - 10:00:04', programRunning: true }]);
    expect(onTop.status).toBe('busy');
    expect(nextStatus(onTop, { kind: 'screen', at: 9000, screen: 'u@host:~$', programRunning: false }, shell, timing).status).toBe('idle');
  });

  it('stays busy at a quiet point while the screen shows a busy pattern', () => {
    expect(run([out(1000), screen(1500, 'Working… esc to interrupt')]).status).toBe('busy');
  });

  it('reads the screen periodically while output streams, so a prompt under a spinner is seen', () => {
    let state = run([out(0)]);
    for (let t = 100; t <= 900; t += 100) state = run([out(t)], state);
    expect(checkDueAt(state, timing)).toBe(1000);
    state = run([out(1000), screen(1000, 'Do you want to proceed?')], state);
    expect(state.status).toBe('needs-input');
  });

  it('does not turn idle into busy for a single redraw, only for sustained output', () => {
    const idle = run([out(0), screen(500, '>')]);
    expect(run([out(2000)], idle).status).toBe('idle');
    expect(run([out(2000), out(2100), out(2250)], idle).status).toBe('busy');
  });

  it('does not count the echo of typed input as activity', () => {
    const idle = run([out(0), screen(500, '>')]);
    const typing = run([{ kind: 'input', at: 2000 }, out(2050), { kind: 'input', at: 2200 }, out(2250), { kind: 'input', at: 2400 }, out(2450)], idle);
    expect(typing.status).toBe('idle');
    expect(checkDueAt(typing, timing)).toBe(2950);
  });

  it('keeps needs-input through redraws and leaves it when the prompt is gone from the screen', () => {
    const asking = run([out(0), screen(500, 'Proceed? (y/n)')]);
    expect(asking.status).toBe('needs-input');
    const redrawn = run([out(600), out(700), out(900)], asking);
    expect(redrawn.status).toBe('needs-input');
    expect(run([screen(1400, 'Proceed? (y/n)')], redrawn).status).toBe('needs-input');
    expect(run([screen(1400, 'Proceed? (y/n) y\nok')], redrawn).status).toBe('idle');
    expect(run([out(1000), screen(1000, 'Proceed? (y/n) y\nworking')], redrawn).status).toBe('busy');
  });

  it('keeps a read due when output arrived after the screen was read', () => {
    const state = run([out(0), out(600), screen(550, 'old screen')]);
    expect(state.status).toBe('busy');
    expect(checkDueAt(state, timing)).toBe(1100);
  });

  it('ends as exited for code 0 and as failed with the reason otherwise', () => {
    expect(run([out(0), { kind: 'exit', code: 0, requested: false }])).toMatchObject({ status: 'exited', exitCode: 0 });
    expect(run([out(0), { kind: 'exit', code: 1, requested: false }])).toMatchObject({ status: 'failed', exitCode: 1, reason: 'exited with code 1' });
    expect(exitStatus({ code: 0, signal: 9, requested: false })).toEqual({ status: 'failed', reason: 'killed by signal 9' });
    expect(run([{ kind: 'spawn-failed', reason: 'command not found: claude' }])).toMatchObject({ status: 'failed', reason: 'command not found: claude' });
  });

  it('ends as exited when the user asked for the kill, whatever the code', () => {
    expect(exitStatus({ code: 0, signal: 1, requested: true })).toEqual({ status: 'exited', reason: 'killed by signal 1' });
    expect(exitStatus({ code: 129, requested: true })).toEqual({ status: 'exited', exitCode: 129 });
  });

  it('gives no exit code for a process a signal killed, only the signal', () => {
    const killed = run([out(0), { kind: 'exit', code: 0, signal: 9, requested: false }]);
    expect(killed).toEqual({ status: 'failed', reason: 'killed by signal 9', settlePending: false });
  });

  it('leaves starting for idle once a silent session has been quiet for its start period', () => {
    const started = startStatus(1000);
    expect(checkDueAt(started, timing)).toBe(3000);
    expect(run([screen(2900, '')], started).status).toBe('starting');
    expect(run([screen(3000, '$ ')], started).status).toBe('idle');
    expect(run([screen(3000, 'Do you want to proceed?')], started).status).toBe('needs-input');
  });

  it('does not guess a quiet period for a session whose start is unknown', () => {
    expect(checkDueAt(startStatus(), timing)).toBeUndefined();
    expect(run([screen(5000, '')]).status).toBe('starting');
  });

  it('ignores everything after the end', () => {
    const failed = run([out(0), { kind: 'exit', code: 2, requested: false }]);
    expect(run([out(100), screen(700, 'Proceed? (y/n)')], failed)).toBe(failed);
    expect(checkDueAt(failed, timing)).toBeUndefined();
  });
});
