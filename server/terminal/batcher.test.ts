import { describe, expect, it } from 'vitest';
import { ManualScheduler } from '../../adapters/memory/manual-scheduler';
import { lineCount, parseCost } from '../../domain/parse-cost';
import { OutputBatcher, type Batch } from './batcher';

function world(maxBatchCost = 100) {
  const scheduler = new ManualScheduler();
  const sent: Array<{ text: string; cost: number }> = [];
  const decoder = new TextDecoder();
  const batcher = new OutputBatcher({
    scheduler,
    batchMs: 5,
    maxBatchCost,
    lineCost: 10,
    send: ({ bytes, cost }: Batch) => sent.push({ text: decoder.decode(bytes), cost }),
  });
  const push = (data: string) => batcher.push(data, lineCount(data), parseCost(data.length, lineCount(data), 10));
  return { scheduler, batcher, sent, push };
}

describe('OutputBatcher', () => {
  it('gathers chunks for batchMs after the first into one batch', () => {
    const { scheduler, sent, push } = world();
    push('one ');
    scheduler.advance(4);
    push('two');
    expect(sent).toEqual([]);
    scheduler.advance(1);
    expect(sent).toEqual([{ text: 'one two', cost: 7 }]);
    expect(scheduler.pending).toBe(0);
  });

  it('sends a batch at once when it reaches its cost bound, short lines counting by their line cost', () => {
    const { sent, push } = world(100);
    push('y\n'.repeat(9));
    expect(sent).toEqual([]);
    // 20 bytes, but 10 lines of 10: the bound is reached.
    push('y\n');
    expect(sent).toEqual([{ text: 'y\n'.repeat(10), cost: 100 }]);
  });

  it('counts a batch by its UTF-8 bytes', () => {
    const { scheduler, sent, push } = world();
    push('é€');
    scheduler.advance(5);
    expect(sent).toEqual([{ text: 'é€', cost: 5 }]);
  });

  it('sends the first chunk after expressNext at once, then gathers again', () => {
    const { scheduler, batcher, sent, push } = world();
    batcher.expressNext();
    push('echo');
    expect(sent).toEqual([{ text: 'echo', cost: 4 }]);
    push('more');
    expect(sent).toHaveLength(1);
    scheduler.advance(5);
    expect(sent.map((batch) => batch.text)).toEqual(['echo', 'more']);
  });

  it('sends what it holds on flush and drops it on dispose, leaving no timer either way', () => {
    const { scheduler, batcher, sent, push } = world();
    batcher.flush();
    push('flushed');
    batcher.flush();
    push('dropped');
    batcher.dispose();
    scheduler.advance(10);
    expect(sent.map((batch) => batch.text)).toEqual(['flushed']);
    expect(scheduler.pending).toBe(0);
  });

  it('hands what it gathered to the caller on take, sending nothing itself and leaving no timer', () => {
    const { scheduler, batcher, sent, push } = world();
    expect(batcher.take()).toBeUndefined();
    push('y\n');
    const batch = batcher.take();
    expect(batch && { text: new TextDecoder().decode(batch.bytes), cost: batch.cost }).toEqual({ text: 'y\n', cost: 10 });
    scheduler.advance(10);
    expect(sent).toEqual([]);
    expect(scheduler.pending).toBe(0);
  });
});
