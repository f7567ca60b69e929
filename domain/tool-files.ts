/**
 * The files an agent's own tool event says it wrote: the hook payload of a finished file-editing
 * tool (Claude Code's PostToolUse of Write, Edit, MultiEdit or NotebookEdit; Gemini CLI's AfterTool
 * of write_file or replace). A subagent's edits are the agent's too. Paths are as the CLI gave them
 * (absolute, as both CLIs send them). Other tools name no file: what a shell command changed is not
 * in its event (see shellCommandEvent).
 */
export function filesWrittenBy(payload: unknown): string[] {
  if (!isRecord(payload)) return [];
  const event = payload.hook_event_name;
  if (event !== 'PostToolUse' && event !== 'AfterTool') return [];
  const tool = payload.tool_name;
  if (typeof tool !== 'string' || !FILE_TOOLS.has(tool)) return [];
  const input = isRecord(payload.tool_input) ? payload.tool_input : {};
  return ['file_path', 'notebook_path'].flatMap((key) => {
    const value = input[key];
    return typeof value === 'string' && value.length > 0 && value.length <= 4096 ? [value] : [];
  });
}

/**
 * A shell command's event: `before` it runs (Claude Code's PreToolUse of Bash, Gemini CLI's BeforeTool
 * of run_shell_command) or `after` it ran.
 */
export function shellCommandEvent(payload: unknown): 'before' | 'after' | undefined {
  if (!isRecord(payload)) return undefined;
  const tool = payload.tool_name;
  if (typeof tool !== 'string' || !SHELL_TOOLS.has(tool)) return undefined;
  const event = payload.hook_event_name;
  const phase = event === 'PreToolUse' || event === 'BeforeTool' ? 'before' : event === 'PostToolUse' || event === 'AfterTool' ? 'after' : undefined;
  return phase;
}

const SHELL_TOOLS = new Set(['Bash', 'run_shell_command']);
const FILE_TOOLS = new Set(['Write', 'Edit', 'MultiEdit', 'NotebookEdit', 'write_file', 'replace']);

/** `path` as an absolute path: a relative one is taken from `cwd`; `.` and `..` are resolved by name. */
export function absoluteFrom(cwd: string, path: string): string {
  const joined = path.startsWith('/') ? path : `${cwd.replace(/\/+$/, '')}/${path}`;
  const segments: string[] = [];
  for (const segment of joined.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  return `/${segments.join('/')}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
