import { describe, expect, it } from 'vitest';
import { PAINT_FLOOD_BYTES, PAINT_FLOOD_WINDOW_MS } from '../../../contract/flow';
import { FakeClock } from '../testing/fake-clock';
import { createFloodMeter } from './flood-meter';

describe('flood meter', () => {
  it('calls a burst no larger than a screenful no flood, however it is split', () => {
    const clock = new FakeClock();
    const meter = createFloodMeter(clock);
    for (let i = 0; i < 4; i++) meter.noteParsed(PAINT_FLOOD_BYTES / 4);
    expect(meter.flooding()).toBe(false);
  });

  it('calls more than the flood bytes within a window a flood, and the next window too', () => {
    const clock = new FakeClock();
    const meter = createFloodMeter(clock);
    meter.noteParsed(PAINT_FLOOD_BYTES + 1);
    expect(meter.flooding()).toBe(true);
    clock.advance(PAINT_FLOOD_WINDOW_MS + 1);
    meter.noteParsed(1);
    expect(meter.flooding()).toBe(true);
  });

  it('stops calling it a flood once two windows passed without one', () => {
    const clock = new FakeClock();
    const meter = createFloodMeter(clock);
    meter.noteParsed(PAINT_FLOOD_BYTES + 1);
    clock.advance(2 * PAINT_FLOOD_WINDOW_MS + 1);
    expect(meter.flooding()).toBe(false);
    meter.noteParsed(10);
    expect(meter.flooding()).toBe(false);
  });
});
