import { describe, expect, it } from 'vitest';
import type { SessionDto } from '../../../contract/contract';
import { statusDetail } from './agent-actions';

const session = (over: Partial<SessionDto>): SessionDto => ({
  id: 's1', agent: 'rev', agentName: 'Rev', profile: 'shell', pid: 1, cwd: '/p', status: 'busy', startedAt: 0, cols: 80, rows: 24, missingSkills: [], ...over,
});

describe('statusDetail', () => {
  it('names only the signal for a session a signal killed, never an exit code', () => {
    expect(statusDetail(session({ status: 'failed', reason: 'killed by signal 9' }))).toBe('killed by signal 9');
    expect(statusDetail(session({ status: 'exited', reason: 'killed by signal 1' }))).toBe('killed by signal 1');
  });

  it('names the exit code of a session that exited by itself', () => {
    expect(statusDetail(session({ status: 'exited', exitCode: 0 }))).toBe('exit code 0');
    expect(statusDetail(session({ status: 'failed', exitCode: 2, reason: 'exited with code 2' }))).toBe('exited with code 2');
  });

  it('says where a running session\'s status was read from', () => {
    expect(statusDetail(session({ status: 'busy', profile: 'claude', statusSource: 'hooks' }))).toBe("from Claude's hooks");
    expect(statusDetail(session({ status: 'needs-input', profile: 'gemini', statusSource: 'title' }))).toBe('from the terminal title');
    expect(statusDetail(session({ status: 'idle', profile: 'codex', statusSource: 'notification' }))).toBe('from the terminal notification');
    expect(statusDetail(session({ status: 'idle', statusSource: 'screen' }))).toBe('from the screen');
  });

  it('adds nothing while the session runs', () => {
    expect(statusDetail(session({ status: 'idle' }))).toBeUndefined();
  });
});
