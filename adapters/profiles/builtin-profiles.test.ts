import { describe, expect, it } from 'vitest';
import { planInjection } from '../../domain/injection';
import { builtinProfiles } from './builtin-profiles';

const join = (...segments: string[]) => segments.join('/');

describe('the built-in Shell profile', () => {
  it('runs in the project root and writes nothing there, handing the context over by a variable', () => {
    const shell = builtinProfiles({ SHELL: '/bin/bash' }).find((p) => p.id === 'shell')!;
    const contextPath = '/p/.tessera/run/sh/context.md';
    const plan = planInjection({ inject: shell.inject, context: 'ctx', contextPath, projectRoot: '/p', cwd: '/p', workspace: 'project', join });
    expect(plan).toEqual({ ok: true, value: { files: [{ path: contextPath, text: 'ctx' }], args: [], env: { TESSERA_CONTEXT_FILE: contextPath } } });
  });
});
