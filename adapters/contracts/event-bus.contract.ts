import { describe, expect, it } from 'vitest';
import type { DomainEvent } from '../../domain/events';
import type { EventBus } from '../../domain/ports/event-bus.port';

export function eventBusContract(name: string, make: () => EventBus): void {
  describe(`EventBus contract: ${name}`, () => {
    it('delivers each published event to every subscriber in order', () => {
      const bus = make();
      const a: DomainEvent[] = [];
      const b: DomainEvent[] = [];
      bus.subscribe((e) => a.push(e));
      bus.subscribe((e) => b.push(e));
      bus.publish({ type: 'agents.changed' });
      bus.publish({ type: 'skills.changed' });
      expect(a.map((e) => e.type)).toEqual(['agents.changed', 'skills.changed']);
      expect(b.map((e) => e.type)).toEqual(['agents.changed', 'skills.changed']);
    });

    it('stops delivering after the subscription is disposed', () => {
      const bus = make();
      const seen: DomainEvent[] = [];
      const sub = bus.subscribe((e) => seen.push(e));
      bus.publish({ type: 'skills.changed' });
      sub.dispose();
      bus.publish({ type: 'skills.changed' });
      expect(seen).toHaveLength(1);
    });

    it('keeps delivering to the others when one listener throws', () => {
      const bus = make();
      const seen: DomainEvent[] = [];
      bus.subscribe(() => {
        throw new Error('broken listener');
      });
      bus.subscribe((e) => seen.push(e));
      bus.publish({ type: 'agents.changed' });
      expect(seen).toEqual([{ type: 'agents.changed' }]);
    });

    it('lets a listener unsubscribe itself while an event is being delivered', () => {
      const bus = make();
      const seen: string[] = [];
      const sub = bus.subscribe(() => {
        seen.push('first');
        sub.dispose();
      });
      bus.subscribe(() => seen.push('second'));
      bus.publish({ type: 'agents.changed' });
      bus.publish({ type: 'agents.changed' });
      expect(seen).toEqual(['first', 'second', 'second']);
    });
  });
}
