import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { usageLogContract } from '../contracts/usage-log.contract';
import { JsonlUsageLog } from './jsonl-usage-log';

const project = () => mkdtempSync(join(tmpdir(), 'tessera-usage-'));

usageLogContract('JsonlUsageLog', async () => new JsonlUsageLog(project()));

describe('JsonlUsageLog', () => {
  it('writes one JSON line per record to .tessera/logs/usage.jsonl, appending to what is there', async () => {
    const root = project();
    mkdirSync(join(root, '.tessera', 'logs'), { recursive: true });
    writeFileSync(join(root, '.tessera', 'logs', 'usage.jsonl'), '{"at":0,"agent":"old","session":"s0"}\n');
    await new JsonlUsageLog(root).append({ at: 5, agent: 'coder', session: 's1', costUsd: 0.5 });
    expect(readFileSync(join(root, '.tessera', 'logs', 'usage.jsonl'), 'utf8')).toBe('{"at":0,"agent":"old","session":"s0"}\n{"at":5,"agent":"coder","session":"s1","costUsd":0.5}\n');
  });

  it('skips a line cut short or edited into something else', async () => {
    const root = project();
    const log = new JsonlUsageLog(root);
    await log.append({ at: 1, agent: 'coder', session: 's1' });
    appendFileSync(join(root, '.tessera', 'logs', 'usage.jsonl'), '{"at":2,"agent":"cut\n[1,2]\n{"at":"x","agent":"a","session":"b"}\n');
    await log.append({ at: 3, agent: 'coder', session: 's1', costUsd: 0.2 });
    expect(await log.list()).toEqual([{ at: 1, agent: 'coder', session: 's1' }, { at: 3, agent: 'coder', session: 's1', costUsd: 0.2 }]);
  });

  it('reads a line written before costs were marked estimated as a reported cost, and a mark that is not true as none', async () => {
    const root = project();
    mkdirSync(join(root, '.tessera', 'logs'), { recursive: true });
    writeFileSync(
      join(root, '.tessera', 'logs', 'usage.jsonl'),
      '{"at":1,"agent":"coder","session":"s1","model":"opus","inputTokens":10,"outputTokens":2,"costUsd":0.5,"totalCostUsd":0.5,"durationMs":9}\n' +
        '{"at":2,"agent":"coder","session":"s1","costUsd":0.1,"costEstimated":"yes"}\n',
    );
    expect(await new JsonlUsageLog(root).list()).toEqual([
      { at: 1, agent: 'coder', session: 's1', model: 'opus', inputTokens: 10, outputTokens: 2, costUsd: 0.5, totalCostUsd: 0.5, durationMs: 9 },
      { at: 2, agent: 'coder', session: 's1', costUsd: 0.1 },
    ]);
  });

  it('refuses to write through a link a cloned repository put in its place', async () => {
    const root = project();
    const outside = join(project(), 'bashrc');
    writeFileSync(outside, 'kept\n');
    mkdirSync(join(root, '.tessera', 'logs'), { recursive: true });
    symlinkSync(outside, join(root, '.tessera', 'logs', 'usage.jsonl'));
    const appended = await new JsonlUsageLog(root).append({ at: 1, agent: 'coder', session: 's1' });
    expect(appended.ok).toBe(false);
    expect(readFileSync(outside, 'utf8')).toBe('kept\n');
  });
});
