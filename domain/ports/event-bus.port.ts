import type { DomainEvent } from '../events';
import type { Disposable } from './disposable';

/** Synchronous fan-out of domain events; a throwing listener does not stop the others. */
export interface EventBus {
  publish(event: DomainEvent): void;
  subscribe(listener: (event: DomainEvent) => void): Disposable;
}
