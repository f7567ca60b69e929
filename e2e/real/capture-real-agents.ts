/**
 * Regenerates e2e/fixtures/real-agents/captures/: what the real agent CLIs (pinned in
 * e2e/fixtures/real-agents) show and send in Tessera, for the status and signal work.
 *
 *   node --import tsx e2e/real/capture-real-agents.ts [claude] [codex] [gemini] [<cli>/<run>]
 *
 * A CLI's name recaptures all its runs (its folder is made anew); `<cli>/<run>` (`claude/login-method`)
 * recaptures that run alone and leaves the CLI's other captures as they are.
 *
 * As root. It re-runs itself inside a network namespace with loopback only (`unshare -n`), like the
 * real-agent test tier: the CLIs talk to nothing but the scripted model server. `npm run build`
 * first is not needed (the host's API is enough), the pinned CLIs are (e2e/fixtures/real-agents/install.mjs).
 *
 * Each CLI runs as a Tessera agent with its built-in profile, in a `tessera web` host driven through
 * its JSON-RPC API, so the bytes are exactly what the agent's PTY gave Tessera. Each capture file,
 * <cli>/<what>.json, holds:
 *   - `size`: the terminal size it ran at;
 *   - `screen`: the screen as Tessera's mirror reads it (sessions.snapshot) at that moment;
 *   - `raw`: the PTY output since the previous capture of the same run (the first: since launch);
 *     the captures of one run, concatenated in `order`, are its whole output;
 *   - `titles` (OSC 0/2), `notifications` (OSC 9, 99, 777, and BEL outside an OSC) and `private`
 *     (any other OSC, such as Codex's 7501) found in `raw`;
 *   - `run`, `order`, `steps` (what was typed before it) and `settings` (the files the CLI's home was made of).
 * <cli>/hooks-<turn>.json hold the hook payloads (stdin of a hook command that appends it to a file).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { longText, ModelServer, type Turn } from '../fixtures/model-server/model-server';
import { prepareAgentHome, type AgentHome, type RealCli } from '../fixtures/real-agents/agent-homes';
import { makeWorld, startHost, type Host } from '../support/host';
import { hostRpc } from '../support/rpc';
import { writeAgent } from './support';

const here = dirname(fileURLToPath(import.meta.url));
const outDir = resolve(here, '..', 'fixtures', 'real-agents', 'captures');
const SIZE = { cols: 120, rows: 36 };
const WAIT_MS = 60_000;

type Step =
  | { readonly wait: RegExp; readonly label?: string }
  | { readonly type: string; readonly label?: string }
  | { readonly capture: string }
  | { readonly pauseMs: number }
  | { readonly hooks: string };

interface Run {
  readonly cli: RealCli;
  readonly name: string;
  /** A profile of the same CLI without the built-in's project access arguments (to see what those arguments spare the user). */
  readonly withoutProjectAccess?: boolean;
  readonly trusted?: (paths: { projectDir: string; runDir: string }) => string[];
  readonly onboarded?: boolean;
  /** Make the project a git repository (Codex asks about trust only in one). */
  readonly git?: boolean;
  readonly notifications?: boolean;
  readonly hooks?: boolean;
  readonly args?: string[];
  readonly dropEnv?: readonly string[];
  /** What the model answers, in order; a function where a turn names the agent's own files (absolute paths). */
  readonly turns?: readonly Turn[] | ((paths: { projectDir: string; runDir: string }) => readonly Turn[]);
  readonly steps: readonly Step[];
}

const shellTurn: Turn = { kind: 'shell', command: 'echo hi > x.txt', description: 'Write x.txt' };
const textTurns: Turn[] = [
  { kind: 'text', text: 'Hello from the scripted model.', usage: { inputTokens: 5200, outputTokens: 12 } },
  { kind: 'text', text: longText(1500), pace: { tokensPerChunk: 10, delayMs: 60 }, usage: { inputTokens: 6400, outputTokens: 1500 } },
];
const toolTurns: Turn[] = [shellTurn, { kind: 'text', text: 'Done writing x.txt.', usage: { inputTokens: 7000, outputTokens: 8 } }];

/** The main run of each CLI: idle, a text turn, a long streamed turn (busy), a tool turn with its permission prompt. */
function mainRun(cli: RealCli, ready: RegExp, permission: RegExp, busy: RegExp, extra: Partial<Run> = {}): Run {
  return {
    cli,
    name: 'main',
    trusted: ({ projectDir, runDir }) => [projectDir, runDir],
    notifications: true,
    hooks: true,
    turns: [...textTurns, ...toolTurns],
    steps: [
      { wait: ready },
      { pauseMs: 1500 },
      { capture: 'idle' },
      { type: 'say hello' },
      { wait: /Hello from the scripted model/ },
      { pauseMs: 2000 },
      { capture: 'text-turn-answered' },
      { hooks: 'hooks-text-turn' },
      { type: 'tell me a long story' },
      { wait: busy },
      { capture: 'busy' },
      { wait: /Line 150: the scripted model/ },
      { wait: ready },
      { pauseMs: 1500 },
      { capture: 'long-turn-answered' },
      { hooks: 'hooks-long-turn' },
      { type: 'write the file' },
      { wait: permission },
      // Long enough for the notifications a waiting permission prompt sends after a few seconds.
      { pauseMs: 8000 },
      { capture: 'permission' },
      { type: '' },
      { wait: /Done writing x\.txt/ },
      { pauseMs: 2000 },
      { capture: 'tool-turn-done' },
      { hooks: 'hooks-tool-turn' },
    ],
    ...extra,
  };
}

const RUNS: Readonly<Record<RealCli, readonly Run[]>> = {
  claude: [
    {
      cli: 'claude',
      name: 'onboarding',
      onboarded: false,
      steps: [
        { wait: /Choose the text style/ }, { pauseMs: 1500 }, { capture: 'onboarding-theme' },
        { type: '' }, { wait: /Press Enter to continue/ }, { pauseMs: 1000 }, { capture: 'onboarding-security-notes' },
      ],
    },
    {
      cli: 'claude',
      name: 'login',
      onboarded: false,
      dropEnv: ['ANTHROPIC_AUTH_TOKEN'],
      // With no credentials its welcome checks api.anthropic.com before "Select login method": offline, that check's failure is the screen.
      steps: [{ wait: /Unable to connect|login method/i }, { pauseMs: 1000 }, { capture: 'login-without-credentials' }],
    },
    {
      cli: 'claude',
      name: 'login-method',
      dropEnv: ['ANTHROPIC_AUTH_TOKEN'],
      trusted: ({ projectDir, runDir }) => [projectDir, runDir],
      // Onboarded but signed out, it starts at its prompt ("Not logged in · run /login"); /login asks for the method.
      steps: [{ wait: /Not logged in/ }, { pauseMs: 1000 }, { type: '/login' }, { wait: /login method/i }, { pauseMs: 1000 }, { capture: 'login-method' }],
    },
    { cli: 'claude', name: 'trust', steps: [{ wait: /trust this folder/i }, { pauseMs: 1000 }, { capture: 'trust' }] },
    {
      cli: 'claude',
      name: 'add-dir-trust',
      trusted: ({ runDir }) => [runDir],
      steps: [{ wait: /Adding a new directory|trust/i }, { pauseMs: 1000 }, { capture: 'trust-project-root' }],
    },
    mainRun('claude', /❯\s*$/m, /Do you want to proceed\?/, /esc to interrupt/, { args: ['--permission-mode', 'manual'] }),
    {
      // Its other permission dialogs: a new file, an edit, and a command too long for one line.
      cli: 'claude',
      name: 'prompts',
      trusted: ({ projectDir, runDir }) => [projectDir, runDir],
      args: ['--permission-mode', 'manual'],
      turns: ({ runDir }) => [
        { kind: 'tool', name: 'Write', input: { file_path: join(runDir, 'notes.txt'), content: 'one\ntwo\n' } },
        { kind: 'text', text: 'Wrote notes.txt.' },
        { kind: 'tool', name: 'Read', input: { file_path: join(runDir, 'notes.txt') } },
        { kind: 'tool', name: 'Edit', input: { file_path: join(runDir, 'notes.txt'), old_string: 'two', new_string: 'three' } },
        { kind: 'text', text: 'Edited notes.txt.' },
        { kind: 'shell', command: `printf '%s\\n' ${Array.from({ length: 14 }, (_, i) => `word-number-${i + 1}`).join(' ')} > words.txt && wc -l words.txt`, description: 'Write many words' },
        { kind: 'text', text: 'Wrote the words.' },
      ],
      steps: [
        { wait: /❯\s*$/m },
        { pauseMs: 1500 },
        { type: 'write the notes' },
        { wait: /Do you want to/ },
        { pauseMs: 1500 },
        { capture: 'permission-write' },
        { type: '' },
        { wait: /Wrote notes\.txt\./ },
        { pauseMs: 1500 },
        { type: 'edit the notes' },
        { wait: /Do you want to/ },
        { pauseMs: 1500 },
        { capture: 'permission-edit' },
        { type: '' },
        { wait: /Edited notes\.txt\./ },
        { pauseMs: 1500 },
        { type: 'write the words' },
        { wait: /Do you want to/ },
        { pauseMs: 1500 },
        { capture: 'permission-long-command' },
        { type: '' },
        { wait: /Wrote the words\./ },
      ],
    },
  ],
  codex: [
    { cli: 'codex', name: 'trust', onboarded: false, git: true, steps: [{ wait: /Trust (all )?and continue/ }, { pauseMs: 1000 }, { capture: 'trust' }] },
    // Hooks in CODEX_HOME ask for review at start unless their trust is bypassed.
    mainRun('codex', /\? for shortcuts/, /Would you like to run the following command\?/, /esc to interrupt|Working/i, { args: ['--dangerously-bypass-hook-trust'] }),
  ],
  gemini: [
    {
      cli: 'gemini',
      name: 'api-key',
      onboarded: false,
      dropEnv: ['GEMINI_API_KEY'],
      trusted: ({ projectDir }) => [projectDir],
      steps: [{ wait: /Use Gemini API Key|Gemini API Key/ }, { pauseMs: 1000 }, { capture: 'auth-menu' }, { type: '\u001b[B' }, { pauseMs: 500 }, { type: '' }, { wait: /API key/i }, { pauseMs: 1500 }, { capture: 'api-key-prompt' }],
    },
    { cli: 'gemini', name: 'trust-folder', withoutProjectAccess: true, steps: [{ wait: /Do you trust the files in this folder/ }, { pauseMs: 1000 }, { capture: 'trust-folder' }] },
    { cli: 'gemini', name: 'trust-project-root', steps: [{ wait: /Do you trust the following folders/ }, { pauseMs: 1000 }, { capture: 'trust-project-root' }] },
    mainRun('gemini', /Type your message/, /Allow execution of/, /esc to cancel/),
  ],
};

async function capture(run: Run): Promise<void> {
  const server = await ModelServer.start({ title: 'Scripted title' });
  const world = makeWorld();
  let host: Host | undefined;
  try {
    const slug = `${run.cli}-${run.name}`;
    const projectDir = world.projectDir;
    const runDir = join(projectDir, '.tessera', 'run', slug);
    const hooksLog = join(world.root, 'hooks.jsonl');
    if (run.git) spawnSync('git', ['init', '-q', projectDir]);
    const made = prepareAgentHome({
      cli: run.cli,
      dir: world.root,
      modelUrl: server.url,
      trusted: run.trusted?.({ projectDir, runDir }) ?? [],
      onboarded: run.onboarded ?? true,
      notifications: run.notifications ?? false,
      ...(run.hooks ? { hooksLog } : {}),
    });
    const home: AgentHome = { ...made, env: Object.fromEntries(Object.entries(made.env).filter(([key]) => !(run.dropEnv ?? []).includes(key))) };
    let profile: string = run.cli;
    if (run.withoutProjectAccess) {
      profile = `${run.cli}-without-access`;
      const conventionFile = { claude: 'CLAUDE.md', codex: 'AGENTS.md', gemini: 'GEMINI.md' }[run.cli];
      writeFileSync(
        join(world.configDir, 'tessera', 'profiles', `${profile}.json`),
        JSON.stringify({ id: profile, name: profile, command: run.cli, args: [], env: {}, inject: { kind: 'convention-file', target: conventionFile }, status: { needsInput: [], busy: [] } }),
      );
    }
    writeAgent(projectDir, { slug, name: slug, profile, skills: [], home, args: run.args ?? [], persona: 'PERSONA-MARKER: you are a careful engineer.' });
    server.script(...(typeof run.turns === 'function' ? run.turns({ projectDir, runDir }) : (run.turns ?? [])));
    host = await startHost(world);
    await hostRpc(host, 'project.trust');
    const session = await hostRpc<{ id: string }>(host, 'agents.launch', { slug, ...SIZE });
    const settings = redact(home.files, world.root);
    let offset = 0;
    let order = 0;
    let typed: string[] = [];
    const screen = async () => (await hostRpc<{ text: string }>(host!, 'sessions.snapshot', { id: session.id })).text;
    const transcript = async () => stripHeader((await hostRpc<{ text: string }>(host!, 'sessions.transcript', { slug })).text);
    for (const step of run.steps) {
      if ('wait' in step) await waitFor(screen, step.wait, `${run.cli}/${run.name}: ${step.wait}`);
      else if ('pauseMs' in step) await new Promise((done) => setTimeout(done, step.pauseMs));
      else if ('type' in step) {
        for (const ch of step.type) await hostRpc(host, 'sessions.write', { id: session.id, data: ch });
        // The CLIs take a fast Enter right after typed text as part of a paste: let the text land first.
        await new Promise((done) => setTimeout(done, 400));
        await hostRpc(host, 'sessions.write', { id: session.id, data: '\r' });
        typed.push(step.type === '' ? '<Enter>' : `${JSON.stringify(step.type)} <Enter>`);
      } else if ('capture' in step) {
        await new Promise((done) => setTimeout(done, 200));
        const all = await transcript();
        const raw = all.slice(offset);
        offset = all.length;
        const captured = { cli: run.cli, run: run.name, order: order++, what: step.capture, size: SIZE, steps: typed, screen: await screen(), ...signals(raw), raw, settings };
        write(join(run.cli, `${step.capture}.json`), redact(captured, world.root) as object);
        typed = [];
      } else {
        const payloads = existsSync(hooksLog) ? readFileSync(hooksLog, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as unknown) : [];
        write(join(run.cli, `${step.hooks}.json`), { cli: run.cli, what: step.hooks, events: payloads.map((p) => (p as { hook_event_name?: string }).hook_event_name), payloads: redact(payloads, world.root), settings });
        rmSync(hooksLog, { force: true });
      }
    }
    console.log(`captured ${run.cli}/${run.name}`);
  } finally {
    await host?.stop();
    await server.close();
    world.cleanup();
  }
}

/** OSC titles, notifications and private sequences in a stretch of output. */
function signals(raw: string): { titles: string[]; notifications: string[]; private: string[] } {
  const titles: string[] = [];
  const notifications: string[] = [];
  const other: string[] = [];
  for (const match of raw.matchAll(/\u001b\](\d+);([^\u0007\u001b]*)(?:\u0007|\u001b\\)/g)) {
    const [, code, text] = match;
    if (code === '0' || code === '2') titles.push(text ?? '');
    else if (code === '9' || code === '99' || code === '777') notifications.push(`OSC ${code}: ${text}`);
    else if (code !== '8') other.push(`OSC ${code}: ${text}`);
  }
  const bells = raw.replace(/\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)/g, '').split('\u0007').length - 1;
  if (bells > 0) notifications.push(`BEL x${bells}`);
  return { titles, notifications, private: other };
}

function stripHeader(text: string): string {
  const end = text.indexOf(' ────\r\n');
  return end >= 0 ? text.slice(end + ' ────\r\n'.length) : text;
}

function redact(value: unknown, root: string): unknown {
  return JSON.parse(JSON.stringify(value).replaceAll(root, '<test>'));
}

function write(relative: string, value: object): void {
  const path = join(outDir, relative);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(value, null, 1)}\n`);
}

async function waitFor(screen: () => Promise<string>, pattern: RegExp, what: string): Promise<void> {
  const deadline = Date.now() + WAIT_MS;
  let last = '';
  while (Date.now() < deadline) {
    last = await screen();
    if (pattern.test(last)) return;
    await new Promise((done) => setTimeout(done, 250));
  }
  throw new Error(`${what} did not show within ${WAIT_MS} ms. The screen:\n${last}`);
}

function onlyLoopback(): boolean {
  const interfaces = readFileSync('/proc/net/dev', 'utf8').split('\n').slice(2).map((line) => line.split(':')[0]?.trim()).filter(Boolean);
  return interfaces.join() === 'lo';
}

async function main(): Promise<number> {
  const isCli = (a: string): a is RealCli => a === 'claude' || a === 'codex' || a === 'gemini';
  const wanted = process.argv.slice(2).filter(isCli);
  const single = process.argv.slice(2).flatMap((a) => {
    const [cli, name] = a.split('/');
    const run = cli && isCli(cli) ? RUNS[cli].find((r) => r.name === name) : undefined;
    return run ? [run] : [];
  });
  if (!onlyLoopback()) {
    if (process.getuid?.() !== 0) {
      console.error('capture-real-agents: needs root, to run inside a loopback-only network namespace (unshare -n).');
      return 1;
    }
    const inside = spawnSync('unshare', ['-n', 'sh', '-c', 'ip link set lo up && exec "$0" "$@"', process.execPath, ...process.execArgv, fileURLToPath(import.meta.url), ...process.argv.slice(2)], { stdio: 'inherit' });
    return inside.status ?? 1;
  }
  for (const run of single) await capture(run);
  if (single.length > 0 && wanted.length === 0) return 0;
  for (const cli of wanted.length > 0 ? wanted : (['claude', 'codex', 'gemini'] as const)) {
    rmSync(join(outDir, cli), { recursive: true, force: true });
    for (const run of RUNS[cli]) await capture(run);
  }
  return 0;
}

process.exitCode = await main();
