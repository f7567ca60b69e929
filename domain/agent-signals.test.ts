import { describe, expect, it } from 'vitest';
import { combineStatus, permissionDecisionOutput, permissionOf, readNotification, readsTerminalSignals, readTitle, TerminalSignalScanner, verdictsOf } from './agent-signals';
import { visibleText } from './visible-text';

describe('combineStatus', () => {
  it('ranks hooks above terminal notifications and titles', () => {
    expect(combineStatus({ hooks: 'busy', terminal: { source: 'title', verdict: 'idle' } }, false)).toEqual({ status: 'busy', source: 'hooks' });
    expect(combineStatus({ hooks: 'needs-input', terminal: { source: 'notification', verdict: 'idle' } }, false)).toEqual({ status: 'needs-input', source: 'hooks' });
    expect(combineStatus({ terminal: { source: 'title', verdict: 'busy' } }, false)).toEqual({ status: 'busy', source: 'title' });
  });

  it('leaves the decision to the screen when no signal has spoken', () => {
    expect(combineStatus({}, true)).toBeUndefined();
  });

  it('lets a question on the screen through an idle verdict, never through a busy one', () => {
    expect(combineStatus({ terminal: { source: 'title', verdict: 'idle' } }, true)).toEqual({ status: 'needs-input', source: 'screen' });
    expect(combineStatus({ hooks: 'idle' }, true)).toEqual({ status: 'needs-input', source: 'screen' });
    expect(combineStatus({ hooks: 'busy' }, true)).toEqual({ status: 'busy', source: 'hooks' });
  });
});

describe('readTitle and readNotification', () => {
  it('reads spinners as busy, the idle marks as idle, and action-required titles as a question', () => {
    expect(readTitle('⠋ say hello | codex-main')).toBe('busy');
    expect(readTitle('◐ Claude Code')).toBe('busy');
    expect(readTitle('✳ Claude Code')).toBe('idle');
    expect(readTitle('◇  Ready (gemini-main)')).toBe('idle');
    expect(readTitle('✋  Action Required (gemini-main)')).toBe('needs-input');
    expect(readTitle('[ ! ] Action Required | say hello | codex-main')).toBe('needs-input');
    expect(readTitle('vim README.md')).toBeUndefined();
  });

  it('reads approval notifications as questions and other notifications as a finished reply', () => {
    expect(readNotification('Approval requested: echo hi > x.txt')).toBe('needs-input');
    expect(readNotification('Claude needs your permission')).toBe('needs-input');
    expect(readNotification('Gemini CLI session complete | Run finished')).toBe('idle');
  });
});

describe('TerminalSignalScanner', () => {
  it('finds OSC 99 and 777 notifications and a bell outside any sequence, and no progress report', () => {
    const found = new TerminalSignalScanner().scan('a\u0007b\u001b]99;i=1;Approval requested\u001b\\\u001b]777;notify;Codex;Done\u0007\u001b]9;4;1;50\u0007');
    expect(found).toEqual([
      { kind: 'bell' },
      { kind: 'notification', text: 'Approval requested' },
      { kind: 'notification', text: 'Codex: Done' },
    ]);
  });

  it("reads a bell as the agent waiting (the screen says whether it asks), and a notification's own bell as nothing more", () => {
    expect(verdictsOf([{ kind: 'bell' }])).toEqual([{ source: 'notification', verdict: 'idle' }]);
    expect(verdictsOf([{ kind: 'notification', text: 'Claude needs your permission' }, { kind: 'bell' }])).toEqual([{ source: 'notification', verdict: 'needs-input' }]);
  });

  it('reads terminal signals only from the CLIs known to mean them', () => {
    expect(readsTerminalSignals('/usr/bin/claude')).toBe(true);
    expect(readsTerminalSignals('codex')).toBe(true);
    expect(readsTerminalSignals('C:\\tools\\gemini.cmd')).toBe(true);
    expect(readsTerminalSignals('/bin/bash')).toBe(false);
  });

  it('does not take the BEL that ends a title for a bell', () => {
    expect(new TerminalSignalScanner().scan('\u001b]0;✳ Claude Code\u0007')).toEqual([{ kind: 'title', text: '✳ Claude Code' }]);
  });
});

describe('permissionOf and visibleText', () => {
  it('shows a shell command, else a file, else the whole input', () => {
    expect(permissionOf('Bash', { command: 'rm -rf build', description: 'Clean' })).toEqual({ tool: 'Bash', subject: { text: 'rm -rf build', omitted: 0 }, description: 'Clean' });
    expect(permissionOf('Write', { file_path: '/p/x.txt', content: 'hi' }).subject.text).toBe('/p/x.txt');
    expect(permissionOf('Fetch', { q: 1 }).subject.text).toBe('{\n "q": 1\n}');
  });

  it('writes control and bidi characters out instead of dropping them', () => {
    expect(visibleText('echo \u001b[31mx\u202e; ls\rrm').text).toBe('echo \\x1b[31mx\\u202e; ls\\rrm');
    expect(visibleText('a\n\tb').text).toBe('a\n\tb');
  });

  it('says how much it left out of a long subject', () => {
    expect(visibleText('x'.repeat(10), 4)).toEqual({ text: 'xxxx', omitted: 6 });
  });

  it("answers Claude Code's PermissionRequest with its decision format", () => {
    expect(JSON.parse(permissionDecisionOutput('approve'))).toEqual({ hookSpecificOutput: { hookEventName: 'PermissionRequest', decision: { behavior: 'allow' } } });
    expect(JSON.parse(permissionDecisionOutput('deny')).hookSpecificOutput.decision.behavior).toBe('deny');
  });
});
