import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ProcProcessMeter } from '../../adapters/proc/proc-process-meter';
import { SESSION_MARK_VARIABLE } from '../../adapters/shared/session-mark';
import { agentPrograms, helperMarks, HOOK_FLAG, MCP_FLAG } from './agent-programs';

describe('helperMarks', () => {
  it('marks the MCP server by the tessera script with its subcommand (the host runs the same script), and the hook program by its script', () => {
    const programs = agentPrograms({ kind: 'node', node: '/usr/bin/node', tesseraBin: '/opt/tessera/bin/tessera', hookScript: '/opt/tessera/hook.mjs' });
    expect(helperMarks(programs)).toEqual([['/opt/tessera/bin/tessera', 'mcp'], ['/opt/tessera/hook.mjs']]);
  });

  it('marks the MCP server by its bundle when the host hands agents the prebuilt one', () => {
    const programs = agentPrograms({ kind: 'node', node: '/usr/bin/node', tesseraBin: '/opt/tessera/bin/tessera', hookScript: '/opt/tessera/hook.mjs', mcpBundle: '/opt/tessera/dist/mcp/tessera-mcp.mjs' });
    expect(programs.mcp).toEqual({ file: '/usr/bin/node', args: ['/opt/tessera/dist/mcp/tessera-mcp.mjs'] });
    expect(helperMarks(programs)).toEqual([['/opt/tessera/dist/mcp/tessera-mcp.mjs'], ['/opt/tessera/hook.mjs']]);
  });

  it("lets the meter count the prebuilt MCP server an agent started, and its children, as Tessera's and not the agent's", async () => {
    const bundle = '/opt/tessera/dist/mcp/tessera-mcp.mjs';
    const programs = agentPrograms({ kind: 'node', node: '/usr/bin/node', tesseraBin: '/opt/tessera/bin/tessera', hookScript: '/opt/tessera/hook.mjs', mcpBundle: bundle });
    const mark = 'a1b2c3d4-0000-4000-8000-000000000009';
    const root = mkdtempSync(join(tmpdir(), 'tessera-proc-'));
    const pretend = (pid: number, parent: number, argv: string[]) => {
      mkdirSync(join(root, String(pid)));
      writeFileSync(join(root, String(pid), 'stat'), `${pid} (node) S ${parent} ${pid} ${pid} 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 ${pid} 0 0\n`);
      writeFileSync(join(root, String(pid), 'environ'), `${SESSION_MARK_VARIABLE}=${mark}\0`);
      writeFileSync(join(root, String(pid), 'cmdline'), argv.map((arg) => `${arg}\0`).join(''));
      writeFileSync(join(root, String(pid), 'status'), 'Name:\tnode\nVmRSS:\t  1024 kB\n');
    };
    pretend(10, 1, ['claude']);
    pretend(11, 10, ['/usr/bin/node', bundle]);
    pretend(12, 11, ['/bin/sh', '-c', 'true']);
    pretend(13, 10, ['/usr/bin/node', '/work/tools/my-mcp.mjs', bundle]);
    const meter = new ProcProcessMeter({ procRoot: root, helperPrograms: helperMarks(programs) });
    expect((await meter.read([{ id: mark, pid: 10 }])).get(mark)?.map((reading) => reading.pid)).toEqual([10, 13]);
    rmSync(root, { recursive: true, force: true });
  });

  it('marks them by the app binary flags in the packaged app, never by the binary itself', () => {
    const marks = helperMarks(agentPrograms({ kind: 'app-binary', execPath: '/opt/Tessera/tessera' }));
    expect(marks).toEqual([[MCP_FLAG], [HOOK_FLAG]]);
    expect(marks.flat()).not.toContain('/opt/Tessera/tessera');
  });

  it('marks only the programs that are handed to agents', () => {
    expect(helperMarks({})).toEqual([]);
    expect(helperMarks({ hook: { file: '/usr/bin/node', args: ['/opt/tessera/hook.mjs'] } })).toEqual([['/opt/tessera/hook.mjs']]);
  });
});
