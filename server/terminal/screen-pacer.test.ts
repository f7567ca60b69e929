import { describe, expect, it } from 'vitest';
import { ManualScheduler } from '../../adapters/memory/manual-scheduler';
import { FixedClock } from '../../adapters/memory/fixed-clock';
import { BackPressure } from '../../domain/back-pressure';
import { OutputScheduler, type PriorityMember } from './output-scheduler';
import { ScreenPacer } from './screen-pacer';

const pacing = { resyncMs: 200, screenCostMs: 50, floodWatermark: 16 };
const member = (): PriorityMember => ({ pressure: new BackPressure(() => undefined) });

function world() {
  const scheduler = new ManualScheduler(new FixedClock(0));
  const priority = new OutputScheduler({ clock: scheduler, scheduler, hotMs: 1000 });
  return { scheduler, priority };
}

describe('ScreenPacer', () => {
  it('without an output scheduler, shows the screen on every multiple of resyncMs after the last one', () => {
    const pacer = new ScreenPacer(pacing, undefined, member());
    expect(pacer.nextScreenAt(0)).toBe(200);
    expect(pacer.nextScreenAt(350)).toBe(400);
    expect(pacer.screenNow).toBe(true);
  });

  it('gives each session its own phase of the period, so their screens reach the page one after another', () => {
    const { priority } = world();
    const [firstMember, secondMember] = [member(), member()];
    const first = new ScreenPacer(pacing, priority, firstMember);
    const second = new ScreenPacer(pacing, priority, secondMember);
    expect(first.nextScreenAt(0)).toBe(200);
    // The second session to join is at another phase of the same period.
    const offset = priority.phaseOf(secondMember) * 200;
    expect(offset).toBeGreaterThan(0);
    expect(offset).toBeLessThan(200);
    expect(second.nextScreenAt(0)).toBeCloseTo(offset);
    expect(second.nextScreenAt(offset)).toBeCloseTo(offset + 200);
  });

  it('spaces screens out when many sessions flood: screenCostMs per flooding session', () => {
    const { priority } = world();
    const members = Array.from({ length: 6 }, member);
    const pacer = new ScreenPacer(pacing, priority, members[0]!);
    for (const flooding of members) priority.setFlooding(flooding, true);
    // 6 floods x 50 ms: every 300 ms rather than every 200.
    expect(pacer.nextScreenAt(0)).toBe(300);
  });

  it('puts screens off while the user types in another session, and tells the scheduler when this one floods', () => {
    const { scheduler, priority } = world();
    const typed = member();
    const flooding = member();
    const pacer = new ScreenPacer(pacing, priority, flooding);
    priority.noteInput(typed);
    expect(pacer.screenNow).toBe(false);
    expect(pacer.nextScreenAt(0)).toBe(1000);
    scheduler.advance(1000);
    expect(pacer.screenNow).toBe(true);
    pacer.flooding(true);
    expect(priority.floodingCount).toBe(1);
    pacer.flooding(false);
    expect(priority.floodingCount).toBe(0);
  });

  it('calls a session flooding while it produces more than floodWatermark per resyncMs', () => {
    const pacer = new ScreenPacer(pacing, undefined, member());
    expect(pacer.stillFloods(17, 200)).toBe(true);
    expect(pacer.stillFloods(16, 200)).toBe(false);
    // Seconds since the last screen (put off by typing elsewhere): the rate counts, not the total.
    expect(pacer.stillFloods(100, 2000)).toBe(false);
    expect(pacer.stillFloods(1, 0)).toBe(true);
  });
});
