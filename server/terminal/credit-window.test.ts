import { describe, expect, it } from 'vitest';
import { CreditWindow } from './credit-window';

describe('CreditWindow', () => {
  it('counts what was sent until the view acks it', () => {
    const window = new CreditWindow();
    window.sent(100, 100);
    window.sent(50, 50);
    expect(window.unacked).toBe(150);
    window.ack(120);
    expect(window.unacked).toBe(30);
    window.ack(30);
    expect(window.unacked).toBe(0);
  });

  it('releases a frame’s cost in proportion to its acked bytes, oldest frame first', () => {
    const window = new CreditWindow();
    // 10 bytes of short lines costing 60, then 40 bytes of prose.
    window.sent(10, 60);
    window.sent(40, 40);
    window.ack(5);
    expect(window.unacked).toBe(70);
    window.ack(15);
    expect(window.unacked).toBe(30);
  });

  it('counts output held for the snapshot as queued until it is released', () => {
    const window = new CreditWindow();
    window.sent(20, 20);
    window.hold(70);
    expect(window.unacked).toBe(90);
    window.ack(20);
    expect(window.unacked).toBe(70);
    window.releaseHeld();
    expect(window.unacked).toBe(0);
  });

  it('ignores acks beyond what was sent, and does not drift once everything is acked', () => {
    const window = new CreditWindow();
    window.sent(3, 10);
    window.ack(1);
    window.ack(1);
    window.ack(5);
    expect(window.unacked).toBe(0);
    window.sent(4, 4);
    expect(window.unacked).toBe(4);
  });
});
