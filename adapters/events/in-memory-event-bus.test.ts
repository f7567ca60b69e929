import { describe, expect, it } from 'vitest';
import { eventBusContract } from '../contracts/event-bus.contract';
import { InMemoryEventBus } from './in-memory-event-bus';
import { RecordingEventBus } from './recording-event-bus';

eventBusContract('InMemoryEventBus', () => new InMemoryEventBus(() => undefined));
eventBusContract('RecordingEventBus', () => new RecordingEventBus(() => undefined));

describe('RecordingEventBus', () => {
  it('remembers every published event in order', () => {
    const bus = new RecordingEventBus();
    bus.publish({ type: 'skills.changed' });
    bus.publish({ type: 'agents.changed' });
    expect(bus.published).toEqual([{ type: 'skills.changed' }, { type: 'agents.changed' }]);
  });

  it('reports a throwing listener to the error sink', () => {
    const errors: unknown[] = [];
    const bus = new InMemoryEventBus((e) => errors.push(e));
    bus.subscribe(() => {
      throw new Error('boom');
    });
    bus.publish({ type: 'agents.changed' });
    expect(errors).toHaveLength(1);
  });
});
