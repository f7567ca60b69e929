import type { Profile } from '../../domain/profile';

/**
 * The profiles that ship in code. `{projectRoot}` and `{contextPath}` are substituted at launch.
 *
 * Status patterns (domain/status.ts) are regex sources matched case-insensitively, `^`/`$` per
 * line, against the last non-blank lines of the mirror's screen. They come from each CLI's
 * documented prompts and are checked against the screens in fixtures/screens/. Line-based
 * prompts (Aider, shells) are anchored at the line end: once the answer is typed after them
 * they stop matching, even while the question is still on the screen.
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
      // One `--add-dir=` value: `--add-dir <dirs...>` takes every word after it, so an agent's own
      // arguments placed after it (an opening prompt) would be read as more directories.
      projectAccessArgs: ['--add-dir={projectRoot}'],
      // Tessera's tools for this session only, beside the user's own MCP servers.
      mcpConfigArgs: ['--mcp-config', '{mcpConfig}'],
      status: {
        // The permission dialog: "Do you want to proceed?" / "...make this edit to x?" over "❯ 1. Yes";
        // the folder trust and added-directory questions; the first run's theme and notes screens.
        needsInput: [
          'Do you want to (proceed|make this edit|create|run|allow)',
          '^[│\\s]*❯\\s*1\\.\\s*Yes',
          // Any of its numbered select menus (the login method's "❯ 1. Claude account with subscription").
          '^[│\\s]*❯\\s*\\d+\\.\\s',
          'Select login method',
          'Press Enter to continue',
          'Yes, I trust this folder',
          '^\\s*(❯\\s*)?Yes, add it',
          '^\\s*Syntax theme: ',
        ],
        // The spinner line: "✻ Pondering… (14s · ↑ 1.2k tokens · esc to interrupt)".
        busy: ['esc to interrupt', 'ctrl\\+c to interrupt'],
      },
      resume: { args: ['--continue'] },
      builtin: true,
    },
    {
      id: 'codex',
      name: 'Codex CLI',
      command: 'codex',
      // Without it Codex starts an app-server daemon that outlives the session it served.
      args: ['--no-daemon'],
      env: {},
      detect: 'codex --version',
      inject: { kind: 'convention-file', target: 'AGENTS.md' },
      // A writable root in the sandbox's settings, not `--add-dir`: under the read-only sandbox of a
      // first run `--add-dir` is a fatal error, where this setting simply waits for a sandbox that writes.
      projectAccessArgs: ['-c', 'sandbox_workspace_write.writable_roots=["{projectRoot}"]'],
      status: {
        // Approval: "Would you like to run the following command?" over "› 1. Yes, proceed (y)"; the
        // folder trust question of a first run: "› 1. Trust and continue"; the hook review a changed
        // hook (or another Codex version's trust hash) brings: "Hooks need review" over "› 1. Review
        // hooks", "2. Trust all and continue", and its list, "⚠ 7 hooks need review before they can run.":
        // the answer is the user's alone, in the terminal.
        needsInput: ['Would you like to (run|make|apply)', 'Allow command\\?', '^\\W*1\\.\\s*Yes, proceed', '^\\W*\\d\\.\\s*Trust (all )?and continue', '^\\s*Hooks need review\\s*$', '^\\W*\\d\\.\\s*Continue without trusting', '\\d+ hooks? needs? review before'],
        busy: ['esc to interrupt', '^\\W*Working \\('],
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
      // The project root stays Gemini's question until the user's answer "Yes, and remember" settles
      // it; the run dir's trust comes with Tessera's hooks there, which write its files. One `=` value:
      // the option takes every word after it.
      projectAccessArgs: ['--include-directories={projectRoot}'],
      status: {
        // Tool confirmation: "Allow execution of [Shell]?" over "● 1. Allow once"; the folder trust
        // questions; the first run's sign-in menu and API key prompt.
        needsInput: [
          'Allow execution',
          'Apply this change\\?',
          'Waiting for user confirmation',
          'Yes, allow once',
          'Do you trust the (files in this folder|following folders)',
          '\\(Use Enter to select\\)',
          '^[│\\s]*●\\s*1\\.\\s*Trust folder',
          '^[│\\s]*\\?\\s*Get started',
          'Enter Gemini API Key',
          '\\(Press Enter to submit, Esc to cancel',
        ],
        // The spinner line: "⠼ Analyzing ... (esc to cancel, 8s)"; and while it starts, "Initializing...
        // Prompts will be queued." under an input box that drops an Enter: not at its prompt yet.
        busy: ['esc to cancel', 'Prompts will be queued'],
      },
      resume: { args: ['--resume', 'latest'] },
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
        // "Add file to the chat? (Y)es/(N)o/(D)on't ask again [Yes]: " with the cursor after it.
        needsInput: ['\\(Y\\)es/\\(N\\)o.*\\[(Yes|No)\\]:\\s*$'],
        // "Waiting for <model>" while the reply streams in.
        busy: ['Waiting for '],
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
      // A shell is where the user works, in the project root, so it writes nothing there: whatever the
      // user runs in it finds the agent's context through this variable.
      inject: { kind: 'env', var: 'TESSERA_CONTEXT_FILE', value: '{contextPath}' },
      status: {
        // A question at the cursor: `[Y/n]`, `(y/n)`, `(yes/no)` (ssh's fingerprint too), a password.
        needsInput: ['\\[y/n\\]\\??:?\\s*$', '\\(y/n\\)\\??:?\\s*$', '\\(yes/no(/\\[fingerprint\\])?\\)\\??:?\\s*$', 'password[^\\n]*:\\s*$'],
        busy: [],
        // A command it runs (top, vim, a build, `sleep`) is at work until the shell has its terminal back.
        runningProgram: 'busy',
      },
      builtin: true,
    },
  ];
}
