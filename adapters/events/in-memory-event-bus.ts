import type { DomainEvent } from '../../domain/events';
import type { Disposable } from '../../domain/ports/disposable';
import type { EventBus } from '../../domain/ports/event-bus.port';

/** The app's event bus: synchronous fan-out in subscription order. */
export class InMemoryEventBus implements EventBus {
  private readonly listeners = new Set<(event: DomainEvent) => void>();

  constructor(private readonly onListenerError: (error: unknown) => void = (error) => console.error('event listener failed', error)) {}

  publish(event: DomainEvent): void {
    // Copy first: a listener may unsubscribe (or subscribe) while being called.
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch (error) {
        // One broken subscriber (say, a closed transport) must not starve the others.
        this.onListenerError(error);
      }
    }
  }

  subscribe(listener: (event: DomainEvent) => void): Disposable {
    // Wrap so the same function subscribed twice gets two independent subscriptions.
    const entry = (event: DomainEvent): void => listener(event);
    this.listeners.add(entry);
    return { dispose: () => void this.listeners.delete(entry) };
  }
}
