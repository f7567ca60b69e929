import { describe, expect, it } from 'vitest';
import { WebglLeases, type LeaseHolder } from './webgl-leases';

function holder(works = true): LeaseHolder & { webgl: boolean; grants: number } {
  const h = {
    webgl: false,
    grants: 0,
    grant() {
      h.grants++;
      if (works) h.webgl = true;
      return works;
    },
    revoke() {
      h.webgl = false;
    },
  };
  return h;
}

describe('WebglLeases', () => {
  it('gives WebGL to visible panes up to the cap and the DOM renderer to the rest', () => {
    const leases = new WebglLeases(2);
    const [a, b, c] = [holder(), holder(), holder()];
    leases.register('a', a, true);
    leases.register('b', b, true);
    leases.register('c', c, true);
    expect([a.webgl, b.webgl, c.webgl]).toEqual([true, true, false]);
    expect(leases.leased).toBe(2);
  });

  it('never leases to a hidden pane', () => {
    const leases = new WebglLeases(4);
    const a = holder();
    leases.register('a', a, false);
    expect(a.webgl).toBe(false);
    expect(leases.leased).toBe(0);
  });

  it('takes the context back from a pane that is hidden and hands it to the longest-waiting visible one', () => {
    const leases = new WebglLeases(1);
    const [a, b, c] = [holder(), holder(), holder()];
    leases.register('a', a, true);
    leases.register('b', b, true);
    leases.register('c', c, true);
    leases.setVisible('a', false);
    expect([a.webgl, b.webgl, c.webgl]).toEqual([false, true, false]);
    leases.setVisible('a', true);
    expect(a.webgl).toBe(false);
    leases.unregister('b');
    expect([a.webgl, c.webgl]).toEqual([false, true]);
  });

  it('keeps a pane whose WebGL failed on the DOM renderer and gives the lease to the next one', () => {
    const leases = new WebglLeases(1);
    const broken = holder(false);
    const fine = holder();
    leases.register('broken', broken, true);
    leases.register('fine', fine, true);
    expect(fine.webgl).toBe(true);
    leases.setVisible('fine', false);
    expect(broken.grants).toBe(1);
  });

  it('does not ask again after a context loss, and frees the lease for another pane', () => {
    const leases = new WebglLeases(1);
    const [a, b] = [holder(), holder()];
    leases.register('a', a, true);
    leases.register('b', b, true);
    a.webgl = false;
    leases.lost('a');
    expect(b.webgl).toBe(true);
    leases.setVisible('b', false);
    expect(a.grants).toBe(1);
    expect(leases.leased).toBe(0);
  });
});
