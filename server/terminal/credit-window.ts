/**
 * What one view has been sent and not yet parsed, in parse cost: the credit of VS Code's terminal
 * flow control. The view acks in bytes, in order, as xterm.js parses them; each frame releases its
 * cost in proportion to its acked bytes, so a frame of `yes` (costly per byte) releases more per
 * byte than prose.
 *
 * Output held for a view that waits for its snapshot counts too: it is queued output like output
 * waiting for an ack, and must hold the PTY back the same way.
 */
export class CreditWindow {
  /** Frames sent and not fully acked, oldest first. */
  private readonly inflight: Array<{ bytes: number; cost: number }> = [];
  private inflightCost = 0;
  private heldCost = 0;

  /** Everything the view has queued: sent and unacked, plus held for it. */
  get unacked(): number {
    return this.inflightCost + this.heldCost;
  }

  sent(bytes: number, cost: number): void {
    this.inflight.push({ bytes, cost });
    this.inflightCost += cost;
  }

  /** Output held for the view until its snapshot is sent. */
  hold(cost: number): void {
    this.heldCost += cost;
  }

  /** The held output is sent now (and counts by what it is sent as) or superseded. */
  releaseHeld(): void {
    this.heldCost = 0;
  }

  /** Acked bytes release their frames' cost, oldest frame first. */
  ack(bytes: number): void {
    let left = bytes;
    while (left > 0 && this.inflight.length > 0) {
      const head = this.inflight[0]!;
      const take = Math.min(left, head.bytes);
      const released = head.bytes === take ? head.cost : (head.cost * take) / head.bytes;
      head.bytes -= take;
      head.cost -= released;
      this.inflightCost -= released;
      left -= take;
      if (head.bytes === 0) this.inflight.shift();
    }
    // Fractions must not drift: with nothing in flight, nothing sent is unacked.
    this.inflightCost = this.inflight.length === 0 ? 0 : Math.max(0, this.inflightCost);
  }
}
