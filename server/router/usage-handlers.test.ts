import { describe, expect, it } from 'vitest';
import { err, ok } from '../../domain/result';
import type { ResourcesService } from '../host-resources';
import { usageHandlers } from './usage-handlers';

const row = { id: 's1', projectRoot: '/p', projectName: 'p', agent: 'coder', agentName: 'Coder', profile: 'claude', pid: 10, status: 'busy', startedAt: 1, cpuPercent: 3 };

describe('the usage handlers', () => {
  it('answers resources-unavailable where the host measures nothing', async () => {
    expect(await usageHandlers['resources.list']({}, {})).toEqual({ ok: false, error: { kind: 'resources-unavailable' } });
    expect(await usageHandlers['resources.stop']({ id: 's1' }, {})).toEqual({ ok: false, error: { kind: 'resources-unavailable' } });
  });

  it("lists the host's running agents and stops one, passing a refusal on as it is", async () => {
    const stopped: string[] = [];
    const resources: ResourcesService = {
      list: () => [row],
      stop: async (id) => {
        stopped.push(id);
        return id === 's1' ? ok(undefined) : err({ kind: 'session-not-found', id });
      },
    };
    expect(await usageHandlers['resources.list']({}, { resources })).toEqual({ ok: true, value: [row] });
    expect(await usageHandlers['resources.stop']({ id: 's1' }, { resources })).toEqual({ ok: true, value: {} });
    expect(await usageHandlers['resources.stop']({ id: 's9' }, { resources })).toEqual({ ok: false, error: { kind: 'session-not-found', id: 's9' } });
    expect(stopped).toEqual(['s1', 's9']);
  });
});
