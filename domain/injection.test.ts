import { describe, expect, it } from 'vitest';
import { planInjection, type InjectionInput } from './injection';
import { clampSize } from './terminal-size';

const join = (...s: string[]) => s.join('/').replace(/\/+/g, '/');
const base: Omit<InjectionInput, 'inject'> = {
  context: 'Project root: /p\nBe kind.\n',
  contextPath: '/p/.tessera/run/rev/context.md',
  projectRoot: '/p',
  cwd: '/p/.tessera/run/rev',
  workspace: 'run-dir',
  join,
};
const contextFile = { path: '/p/.tessera/run/rev/context.md', text: 'Project root: /p\nBe kind.\n' };

describe('planInjection', () => {
  it('writes the context file and the convention file in the run directory', () => {
    expect(planInjection({ ...base, inject: { kind: 'convention-file', target: 'CLAUDE.md' } })).toEqual({
      ok: true,
      value: { files: [contextFile, { path: '/p/.tessera/run/rev/CLAUDE.md', text: base.context }], args: [], env: {} },
    });
  });

  it('refuses a convention file in project mode rather than overwrite a file the user owns', () => {
    const plan = planInjection({ ...base, cwd: '/p', workspace: 'project', inject: { kind: 'convention-file', target: 'AGENTS.md' } });
    expect(plan).toEqual({ ok: false, error: { kind: 'injection-unsupported-in-project-mode', target: 'AGENTS.md' } });
  });

  it('refuses a convention file target that would leave the working directory', () => {
    for (const target of ['../CLAUDE.md', 'sub/AGENTS.md', '..', '', 'C:x']) {
      const plan = planInjection({ ...base, inject: { kind: 'convention-file', target } });
      expect(plan.ok ? 'planned' : plan.error.kind).toBe('injection-invalid');
    }
  });

  it('substitutes the placeholders in every injected arg', () => {
    const plan = planInjection({ ...base, inject: { kind: 'args', args: ['--read', '{contextPath}', '--root={projectRoot}', '--sys', '{context}'] } });
    expect(plan).toEqual({
      ok: true,
      value: { files: [contextFile], args: ['--read', contextFile.path, '--root=/p', '--sys', base.context], env: {} },
    });
  });

  it('sets the named variable to the substituted value', () => {
    const plan = planInjection({ ...base, workspace: 'project', cwd: '/p', inject: { kind: 'env', var: 'GEMINI_SYSTEM_MD', value: '{contextPath}' } });
    expect(plan).toEqual({ ok: true, value: { files: [contextFile], args: [], env: { GEMINI_SYSTEM_MD: contextFile.path } } });
  });

  it('refuses an env injection whose variable name is not a name', () => {
    const plan = planInjection({ ...base, inject: { kind: 'env', var: 'A=B', value: 'x' } });
    expect(plan.ok).toBe(false);
  });

  it('types the context followed by exactly one newline for stdin', () => {
    const plan = planInjection({ ...base, context: 'line one\nline two\n\n\n', inject: { kind: 'stdin' } });
    expect(plan.ok && plan.value.stdin).toBe('line one\nline two\n');
  });
});

describe('clampSize', () => {
  it('rounds and clamps a size into the range a terminal accepts', () => {
    expect(clampSize({ cols: 0, rows: -3 })).toEqual({ ok: true, value: { cols: 2, rows: 1 } });
    expect(clampSize({ cols: 80.6, rows: 9999 })).toEqual({ ok: true, value: { cols: 81, rows: 500 } });
  });

  it('refuses values that are not numbers', () => {
    expect(clampSize({ cols: Number.NaN, rows: 24 }).ok).toBe(false);
  });
});
