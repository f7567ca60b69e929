import { mkdirSync, readdirSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { AgentHome } from '../fixtures/real-agents/agent-homes';

/** Writes an agent's persona markdown into the project, with the environment of its CLI's home. */
export function writeAgent(projectDir: string, agent: { slug: string; name: string; profile: string; skills: string[]; home: AgentHome; args?: string[]; persona: string }): void {
  // JSON strings are YAML double-quoted scalars.
  const env = Object.entries(agent.home.env).map(([key, value]) => `  ${key}: ${JSON.stringify(value)}`);
  const text = [
    '---',
    `name: ${agent.name}`,
    `profile: ${agent.profile}`,
    `skills: [${agent.skills.join(', ')}]`,
    ...(agent.args ? [`args: ${JSON.stringify(agent.args)}`] : []),
    'env:',
    ...env,
    '---',
    agent.persona,
    '',
  ].join('\n');
  writeFile(join(projectDir, '.tessera', 'agents', `${agent.slug}.md`), text);
}

export function writeSkill(projectDir: string, skill: { name: string; description: string; body: string }): void {
  writeFile(join(projectDir, '.tessera', 'skills', skill.name, 'SKILL.md'), `---\nname: ${skill.name}\ndescription: ${skill.description}\n---\n${skill.body}\n`);
}

function writeFile(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

/**
 * Every process on the machine whose working directory is under `dir`, or whose environment
 * mentions `marker` (an agent's own HOME): what an agent and anything it started leave behind.
 */
export function processesOf(dir: string, marker: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      const cwd = readlinkSync(`/proc/${entry}/cwd`);
      const environ = readFileSync(`/proc/${entry}/environ`, 'utf8');
      if (cwd === dir || cwd.startsWith(`${dir}/`) || environ.includes(marker)) {
        found.push(`${entry} ${readFileSync(`/proc/${entry}/cmdline`, 'utf8').replaceAll('\0', ' ').trim()} (cwd ${cwd})`);
      }
    } catch {
      // The process ended while it was read, or is not ours to read.
    }
  }
  return found;
}
