/**
 * The user's own environment, without what `npm run` put there to run Tessera: agents are the
 * user's programs, so their PATH must not find Tessera's `node_modules/.bin` copies of tsc, eslint
 * or electron first, and npm's configuration must not reach an `npm` the agent runs.
 */
export function withoutNpmScriptEnvironment(env: Readonly<Record<string, string>>): Record<string, string> {
  // npm sets npm_lifecycle_event for every script it runs; without it, nothing here came from npm.
  if (env.npm_lifecycle_event === undefined) return { ...env };
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    if (/^npm_/i.test(key) || NPM_SCRIPT_KEYS.has(key)) continue;
    out[key] = value;
  }
  if (env.NODE !== undefined && env.NODE !== env.npm_node_execpath) out.NODE = env.NODE;
  if (env.PATH !== undefined) out.PATH = withoutNpmPathPrefix(env.PATH);
  return out;
}

/** What npm adds to a script's environment besides its npm_* variables (NODE is kept when the user set another). */
const NPM_SCRIPT_KEYS = new Set(['INIT_CWD', 'NODE', 'COLOR']);

/**
 * npm puts the `node_modules/.bin` of every folder from the package up to `/`, then its own
 * node-gyp-bin, in front of the PATH it was given. Only that leading run is removed: the same
 * folders later in the PATH are the user's own choice.
 */
function withoutNpmPathPrefix(path: string): string {
  const entries = path.split(':');
  let first = 0;
  while (first < entries.length && isNpmPathEntry(entries[first]!)) first += 1;
  return entries.slice(first).join(':');
}

function isNpmPathEntry(entry: string): boolean {
  return /(^|\/)node_modules\/\.bin\/?$/.test(entry) || /\/@npmcli\/run-script\/lib\/node-gyp-bin\/?$/.test(entry);
}
