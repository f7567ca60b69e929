import { describe, expect, it } from 'vitest';
import { agentsThatFit, CpuLedger, descendantParts, HELPERS_PART, streamingVerdicts, tesseraSeconds, type StreamingMeasures } from './agent-cost';

describe('CpuLedger', () => {
  it('counts what each process used after the first reading, by part', () => {
    const ledger = new CpuLedger();
    ledger.add([
      { pid: 10, start: 1, ticks: 500, part: 'host' },
      { pid: 20, start: 2, ticks: 300, part: 'agents' },
    ]);
    ledger.add([
      { pid: 10, start: 1, ticks: 540, part: 'host' },
      { pid: 20, start: 2, ticks: 390, part: 'agents' },
    ]);
    expect(ledger.ticksByPart()).toEqual({ host: 40, agents: 90 });
  });

  it('counts all of a process first seen after the first reading, as it started within the window', () => {
    const ledger = new CpuLedger();
    ledger.add([{ pid: 10, start: 1, ticks: 500, part: 'host' }]);
    ledger.add([
      { pid: 10, start: 1, ticks: 500, part: 'host' },
      { pid: 30, start: 9, ticks: 7, part: 'agents' },
    ]);
    ledger.add([{ pid: 30, start: 9, ticks: 12, part: 'agents' }]);
    expect(ledger.ticksByPart()).toEqual({ host: 0, agents: 12 });
  });

  it('tells a reused pid from the process that had it before', () => {
    const ledger = new CpuLedger();
    ledger.add([{ pid: 40, start: 1, ticks: 100, part: 'agents' }]);
    ledger.add([{ pid: 40, start: 50, ticks: 3, part: 'agents' }]);
    expect(ledger.ticksByPart()).toEqual({ agents: 3 });
  });

  it('counts a process for the part of its last reading, as a child that exec-ed a helper', () => {
    const ledger = new CpuLedger();
    ledger.add([]);
    ledger.add([{ pid: 60, start: 5, ticks: 1, part: 'agents' }]);
    ledger.add([{ pid: 60, start: 5, ticks: 6, part: HELPERS_PART }]);
    expect(ledger.ticksByPart()).toEqual({ [HELPERS_PART]: 6 });
  });
});

describe('descendantParts', () => {
  const children = new Map<number, number[]>([
    [1, [2, 3, 4]],
    [2, [5]],
    [5, [6]],
    [3, [7]],
    [7, [8]],
  ]);

  it('counts the whole tree under the host as the agents, a helper and what it starts as Tessera, a named session as its own', () => {
    const parts = descendantParts(1, children, (pid) => pid === 7, new Map([[4, 'shell pane']]));
    expect(Object.fromEntries(parts)).toEqual({ 2: 'agents', 5: 'agents', 6: 'agents', 3: 'agents', 7: HELPERS_PART, 8: HELPERS_PART, 4: 'shell pane' });
  });

  it('leaves out processes that are not the host’s descendants', () => {
    const parts = descendantParts(3, children, () => false);
    expect([...parts.keys()].sort()).toEqual([7, 8]);
  });
});

describe('tesseraSeconds', () => {
  it('adds the host, its helpers and every part of the browser, and leaves out the agents and the bench', () => {
    expect(tesseraSeconds({ host: 1, [HELPERS_PART]: 0.5, page: 2, 'browser gpu': 0.25, 'browser other': 0.25, agents: 10, bench: 3 })).toBe(4);
  });
});

describe('streamingVerdicts', () => {
  const measures: StreamingMeasures = {
    tesseraCpuSeconds: 4,
    agentsCpuSeconds: 10,
    frameP95Ms: { idle: 17, streaming: 30 },
    echoP95Ms: { idle: 5, streaming: 12 },
    screens: { equal: 9, total: 9 },
  };

  it('meets the goals when Tessera costs at most half the agents and p95s stay within twice idle', () => {
    const verdicts = streamingVerdicts(measures);
    expect(verdicts.cpu).toEqual({ ratio: 0.4, met: true });
    expect(verdicts.frame.met).toBe(true);
    expect(verdicts.echo).toEqual({ ratio: 2.4, met: false });
    expect(verdicts.screens).toBe(true);
  });

  it('misses a goal it cannot measure: no agent CPU, no idle frames, no screens', () => {
    const verdicts = streamingVerdicts({ ...measures, agentsCpuSeconds: 0, frameP95Ms: { idle: NaN, streaming: 20 }, screens: { equal: 0, total: 0 } });
    expect(verdicts.cpu.met).toBe(false);
    expect(verdicts.frame.met).toBe(false);
    expect(verdicts.screens).toBe(false);
  });

  it('misses the screen goal when one pane differs from its mirror', () => {
    expect(streamingVerdicts({ ...measures, screens: { equal: 8, total: 9 } }).screens).toBe(false);
  });
});

describe('agentsThatFit', () => {
  const GB = 1024 ** 3;
  it('starts as many as fit above the reserve, and none when the reserve is already reached', () => {
    expect(agentsThatFit(10 * GB, GB / 2, 4 * GB)).toBe(12);
    expect(agentsThatFit(3 * GB, GB / 2, 4 * GB)).toBe(0);
    expect(agentsThatFit(10 * GB, 0, 4 * GB)).toBe(0);
  });
});
