/** Time is a port: the domain never calls Date.now(). */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
}
