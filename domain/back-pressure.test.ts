import { describe, expect, it } from 'vitest';
import { BackPressure } from './back-pressure';

function recorded() {
  const changes: boolean[] = [];
  const pressure = new BackPressure((held) => changes.push(held));
  return { pressure, changes };
}

describe('BackPressure', () => {
  it('pauses on the first reason and resumes only once the last one is released', () => {
    const { pressure, changes } = recorded();
    pressure.hold('mirror');
    pressure.hold('views');
    expect(changes).toEqual([true]);
    pressure.release('mirror');
    expect(changes).toEqual([true]);
    expect(pressure.reasons()).toEqual(['views']);
    pressure.release('views');
    expect(changes).toEqual([true, false]);
    expect(pressure.isHeld).toBe(false);
  });

  it('counts a reason once however often it is held, and ignores releasing a reason nobody holds', () => {
    const { pressure, changes } = recorded();
    pressure.release('ration');
    pressure.hold('turn');
    pressure.hold('turn');
    pressure.release('ration');
    expect(pressure.holds('turn')).toBe(true);
    expect(changes).toEqual([true]);
    pressure.release('turn');
    expect(changes).toEqual([true, false]);
    expect(pressure.reasons()).toEqual([]);
  });

  it('lets no holder resume what another holds', () => {
    const { pressure, changes } = recorded();
    pressure.hold('ration');
    pressure.hold('mirror');
    pressure.release('views');
    pressure.release('ration');
    expect(pressure.reasons()).toEqual(['mirror']);
    expect(changes).toEqual([true]);
  });
});
