import type { DomainEvent } from '../../domain/events';
import { InMemoryEventBus } from './in-memory-event-bus';

/** The real bus that also remembers what was published, for tests to assert on. */
export class RecordingEventBus extends InMemoryEventBus {
  readonly published: DomainEvent[] = [];

  override publish(event: DomainEvent): void {
    this.published.push(event);
    super.publish(event);
  }
}
