import { describeValue, isRecord } from './frontmatter';
import { err, ok, type Result } from './result';

/**
 * A Claude Code subagent file (`.claude/agents/*.md`): frontmatter `name`, `description`,
 * optional `tools` (comma-separated text or a list) and `model`; the body is its system prompt.
 */
export interface ClaudeSubagent {
  readonly name: string;
  readonly description: string;
  readonly tools: readonly string[];
  readonly model?: string;
  readonly prompt: string;
}

export function subagentFromFrontmatter(data: unknown, body: string): Result<ClaudeSubagent, string> {
  if (!isRecord(data)) return err(`the frontmatter must be a YAML mapping, not ${describeValue(data)}`);
  if (typeof data.name !== 'string' || data.name.trim() === '') return err('the frontmatter has no "name"');
  const description = data.description ?? '';
  if (typeof description !== 'string') return err(`"description" must be text, not ${describeValue(description)}`);
  let tools: string[] = [];
  if (typeof data.tools === 'string') tools = data.tools.split(',').map((t) => t.trim()).filter((t) => t.length > 0);
  else if (Array.isArray(data.tools) && data.tools.every((t) => typeof t === 'string')) tools = data.tools.map((t: string) => t.trim());
  else if (data.tools !== undefined && data.tools !== null) return err(`"tools" must be text or a list, not ${describeValue(data.tools)}`);
  if (data.model !== undefined && data.model !== null && typeof data.model !== 'string') return err(`"model" must be text, not ${describeValue(data.model)}`);
  return ok({
    name: data.name.trim(),
    description: description.trim(),
    tools,
    ...(typeof data.model === 'string' && data.model.trim() ? { model: data.model.trim() } : {}),
    prompt: body,
  });
}

/**
 * The Claude Code arguments that keep a subagent's restrictions when it runs as a top-level
 * agent: its model (`inherit` means "whatever the parent uses", so nothing) and its tool list.
 */
export function subagentArgs(subagent: ClaudeSubagent): string[] {
  const args: string[] = [];
  if (subagent.model && subagent.model !== 'inherit') args.push('--model', subagent.model);
  if (subagent.tools.length > 0) args.push('--allowedTools', subagent.tools.join(','));
  return args;
}
