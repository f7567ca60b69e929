import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { agentPrograms } from './agent-programs';
import { freshMcpBundle, MCP_BUNDLE, MCP_BUNDLE_ENTRY, MCP_BUNDLE_MANIFEST, writeMcpBundleManifest } from './mcp-bundle';

const roots: string[] = [];

/** A pretend repository: the entry point and two sources, a bundle made of them, and its manifest. */
function builtRepository(): string {
  const root = mkdtempSync(join(tmpdir(), 'tessera-mcp-bundle-'));
  roots.push(root);
  mkdirSync(join(root, 'server'), { recursive: true });
  mkdirSync(join(root, 'cli'), { recursive: true });
  writeFileSync(join(root, MCP_BUNDLE_ENTRY), 'import { tools } from "../server/tools";\n');
  mkdirSync(join(root, 'node_modules', 'zod'), { recursive: true });
  mkdirSync(join(root, 'dist', 'mcp'), { recursive: true });
  writeFileSync(join(root, 'server', 'tools.ts'), 'export const tools = ["list_agents"];\n');
  writeFileSync(join(root, 'node_modules', 'zod', 'index.js'), 'export const z = {};\n');
  writeFileSync(join(root, MCP_BUNDLE), 'const tools = ["list_agents"];\n');
  writeMcpBundleManifest(root, [MCP_BUNDLE_ENTRY, 'server/tools.ts', 'node_modules/zod/index.js']);
  return root;
}

/** The command the host hands agents for `tessera mcp`, as `tessera server run` chooses it. */
function mcpCommandOf(root: string) {
  const bundle = freshMcpBundle(root);
  return agentPrograms({ kind: 'node', node: '/usr/bin/node', tesseraBin: join(root, 'bin', 'tessera'), hookScript: join(root, 'hook.mjs'), ...(bundle.ok ? { mcpBundle: bundle.value } : {}) }).mcp;
}

afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

describe('the prebuilt tessera mcp', () => {
  it('is run by Node when every file it was built from still holds what it held', () => {
    const root = builtRepository();
    expect(freshMcpBundle(root)).toEqual({ ok: true, value: join(root, MCP_BUNDLE) });
    expect(mcpCommandOf(root)).toEqual({ file: '/usr/bin/node', args: [join(root, MCP_BUNDLE)] });
  });

  it('is still run when a source was only touched, its content the same (a checkout rewrote it)', () => {
    const root = builtRepository();
    const later = new Date(Date.now() + 60_000);
    utimesSync(join(root, 'server', 'tools.ts'), later, later);
    expect(mcpCommandOf(root).args).toEqual([join(root, MCP_BUNDLE)]);
  });

  it('gives way to the sources once a source was edited, naming it', () => {
    const root = builtRepository();
    writeFileSync(join(root, 'server', 'tools.ts'), 'export const tools = ["list_agents", "new_tool"];\n');
    expect(freshMcpBundle(root)).toEqual({ ok: false, error: { kind: 'mcp-bundle-stale', file: 'server/tools.ts', message: 'server/tools.ts changed since the MCP server was built' } });
    expect(mcpCommandOf(root)).toEqual({ file: '/usr/bin/node', args: [join(root, 'bin', 'tessera'), 'mcp'] });
  });

  it('gives way to the sources when a package was reinstalled with other content of the same size under the same time stamps', () => {
    const root = builtRepository();
    const dependency = join(root, 'node_modules', 'zod', 'index.js');
    const fixed = new Date('1985-10-26T08:15:00Z');
    utimesSync(dependency, fixed, fixed);
    writeMcpBundleManifest(root, [MCP_BUNDLE_ENTRY, 'server/tools.ts', 'node_modules/zod/index.js']);
    writeFileSync(dependency, 'export const y = {};\n');
    utimesSync(dependency, fixed, fixed);
    expect(freshMcpBundle(root)).toMatchObject({ ok: false, error: { kind: 'mcp-bundle-stale', file: 'node_modules/zod/index.js' } });
  });

  it('gives way to the sources when a source is gone, or the bundle is not the one the manifest describes', () => {
    const gone = builtRepository();
    rmSync(join(gone, 'server', 'tools.ts'));
    expect(freshMcpBundle(gone)).toMatchObject({ ok: false, error: { kind: 'mcp-bundle-stale', file: 'server/tools.ts' } });
    const replaced = builtRepository();
    writeFileSync(join(replaced, MCP_BUNDLE), 'const tools = [];\n');
    expect(freshMcpBundle(replaced)).toMatchObject({ ok: false, error: { kind: 'mcp-bundle-stale', file: 'dist/mcp/tessera-mcp.mjs' } });
    rmSync(join(replaced, MCP_BUNDLE));
    expect(mcpCommandOf(replaced).args).toEqual([join(replaced, 'bin', 'tessera'), 'mcp']);
  });

  it('gives way to the sources when it was never built, or its manifest is not one', () => {
    const root = builtRepository();
    writeFileSync(join(root, MCP_BUNDLE_MANIFEST), '{"format":1,"bundle":{"path":"/etc/passwd","sha256":"x"},"inputs":[]}');
    expect(freshMcpBundle(root)).toMatchObject({ ok: false, error: { kind: 'mcp-bundle-absent' } });
    rmSync(join(root, 'dist'), { recursive: true });
    expect(freshMcpBundle(root)).toMatchObject({ ok: false, error: { kind: 'mcp-bundle-absent' } });
    expect(mcpCommandOf(root)).toEqual({ file: '/usr/bin/node', args: [join(root, 'bin', 'tessera'), 'mcp'] });
  });

  it('is not run when its manifest names another file as the bundle, inside the repository or out of it', () => {
    const root = builtRepository();
    const manifest = JSON.parse(readFileSync(join(root, MCP_BUNDLE_MANIFEST), 'utf8')) as { bundle: { path: string; sha256: string } };
    const outside = `../${basename(root)}-elsewhere.mjs`;
    roots.push(join(root, outside));
    for (const other of ['server/tools.ts', outside, 'dist/mcp/../../server/tools.ts']) {
      const target = join(root, other);
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, 'export const tools = ["list_agents"];\n');
      writeFileSync(join(root, MCP_BUNDLE_MANIFEST), JSON.stringify({ ...manifest, bundle: { path: other, sha256: createHash('sha256').update(readFileSync(target)).digest('hex') } }));
      expect(freshMcpBundle(root)).toMatchObject({ ok: false, error: { kind: 'mcp-bundle-absent' } });
    }
  });

  it('is not run when its manifest lists no inputs, or not the entry point it is built from', () => {
    const root = builtRepository();
    writeMcpBundleManifest(root, []);
    expect(freshMcpBundle(root)).toMatchObject({ ok: false, error: { kind: 'mcp-bundle-absent' } });
    writeMcpBundleManifest(root, ['server/tools.ts']);
    expect(freshMcpBundle(root)).toMatchObject({ ok: false, error: { kind: 'mcp-bundle-absent' } });
  });

  it('is not run when an input of its manifest lies outside the repository', () => {
    const root = builtRepository();
    writeFileSync(join(root, '..', `${basename(root)}-outside.ts`), 'export {};\n');
    roots.push(join(root, '..', `${basename(root)}-outside.ts`));
    writeMcpBundleManifest(root, [MCP_BUNDLE_ENTRY, `../${basename(root)}-outside.ts`]);
    expect(freshMcpBundle(root)).toMatchObject({ ok: false, error: { kind: 'mcp-bundle-absent' } });
  });
});
