import { describe, expect, it } from 'vitest';
import { agentPrograms, helperMarks, HOOK_FLAG, MCP_FLAG } from './agent-programs';

describe('helperMarks', () => {
  it('marks the MCP server by the tessera script with its subcommand (the host runs the same script), and the hook program by its script', () => {
    const programs = agentPrograms({ kind: 'node', node: '/usr/bin/node', tesseraBin: '/opt/tessera/bin/tessera', hookScript: '/opt/tessera/hook.mjs' });
    expect(helperMarks(programs)).toEqual([['/opt/tessera/bin/tessera', 'mcp'], ['/opt/tessera/hook.mjs']]);
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
