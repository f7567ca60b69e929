import type { Profile } from '../../domain/profile';

/**
 * The profiles that ship in code (DESIGN §3). Status patterns are regex sources matched against
 * the visible screen; they are a best effort from each CLI's documented prompts and are refined
 * elsewhere. `{projectRoot}` and `{contextPath}` are substituted at launch.
 */
export function builtinProfiles(env: Readonly<Record<string, string | undefined>>): Profile[] {
  // The user's own shell, as a terminal would start it; /bin/sh is on every POSIX system.
  const shell = env.SHELL && env.SHELL.trim() ? env.SHELL : env.ComSpec && env.ComSpec.trim() ? env.ComSpec : '/bin/sh';
  return [
    {
      id: 'claude',
      name: 'Claude Code',
      command: 'claude',
      args: [],
      env: {},
      detect: 'claude --version',
      // Claude Code reads CLAUDE.md from its working directory: the run dir, one per agent.
      inject: { kind: 'convention-file', target: 'CLAUDE.md' },
      projectAccessArgs: ['--add-dir', '{projectRoot}'],
      status: {
        needsInput: ['Do you want to (proceed|make this edit|create|run)', '❯\\s*1\\.\\s*Yes', 'Allow .*\\?', 'Press Enter to continue'],
        busy: ['esc to interrupt', 'ctrl\\+c to interrupt'],
      },
      resume: { args: ['--continue'] },
      builtin: true,
    },
    {
      id: 'codex',
      name: 'Codex CLI',
      command: 'codex',
      args: [],
      env: {},
      detect: 'codex --version',
      inject: { kind: 'convention-file', target: 'AGENTS.md' },
      projectAccessArgs: ['--add-dir', '{projectRoot}'],
      status: {
        needsInput: ['Would you like to (run|make|apply)', 'Allow command\\?', 'Yes, proceed', 'approve'],
        busy: ['esc to interrupt', 'Working \\('],
      },
      resume: { args: ['resume', '--last'] },
      builtin: true,
    },
    {
      id: 'gemini',
      name: 'Gemini CLI',
      command: 'gemini',
      args: [],
      env: {},
      detect: 'gemini --version',
      inject: { kind: 'convention-file', target: 'GEMINI.md' },
      projectAccessArgs: ['--include-directories', '{projectRoot}'],
      status: {
        needsInput: ['Allow execution', 'Apply this change\\?', 'Waiting for user confirmation', 'Yes, allow once'],
        busy: ['esc to cancel'],
      },
      builtin: true,
    },
    {
      id: 'aider',
      name: 'Aider',
      command: 'aider',
      args: [],
      env: {},
      detect: 'aider --version',
      // Aider has no convention file: the context is added as a read-only file.
      inject: { kind: 'args', args: ['--read', '{contextPath}'] },
      status: {
        needsInput: ['\\(Y\\)es/\\(N\\)o', 'Add .* to the chat\\?', 'Run shell command\\?'],
        busy: ['Waiting for ', 'Tokens: .* sent'],
      },
      resume: { args: ['--restore-chat-history'] },
      builtin: true,
    },
    {
      id: 'opencode',
      name: 'OpenCode',
      command: 'opencode',
      args: [],
      env: {},
      detect: 'opencode --version',
      inject: { kind: 'convention-file', target: 'AGENTS.md' },
      status: {
        needsInput: ['Permission required', 'Allow (once|always)'],
        busy: ['esc interrupt', 'Working\\.\\.\\.'],
      },
      resume: { args: ['--continue'] },
      builtin: true,
    },
    {
      id: 'shell',
      name: 'Shell',
      command: shell,
      args: [],
      env: {},
      // A shell ignores AGENTS.md, but whatever the user runs in it (any agent CLI) can find it.
      inject: { kind: 'convention-file', target: 'AGENTS.md' },
      status: {
        needsInput: ['\\[[yY]/[nN]\\]\\s*$', '\\(yes/no(/\\[fingerprint\\])?\\)\\??\\s*$', '[Pp]assword[^\\n]*:\\s*$'],
        busy: [],
      },
      builtin: true,
    },
  ];
}
