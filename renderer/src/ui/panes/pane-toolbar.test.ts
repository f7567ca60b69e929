import { describe, expect, it } from 'vitest';
import { nextCollapsed } from './pane-toolbar';

describe('when a pane’s buttons collapse into its menu', () => {
  it('collapses once the header’s content is wider than the header, remembering how wide it was', () => {
    expect(nextCollapsed({ collapsed: false, width: 300, contentWidth: 300, needed: 0 })).toEqual({ collapsed: false, needed: 0 });
    expect(nextCollapsed({ collapsed: false, width: 200, contentWidth: 330, needed: 0 })).toEqual({ collapsed: true, needed: 330 });
  });

  it('opens out again only once the header is as wide as the row needed', () => {
    expect(nextCollapsed({ collapsed: true, width: 320, contentWidth: 200, needed: 330 })).toEqual({ collapsed: true, needed: 330 });
    expect(nextCollapsed({ collapsed: true, width: 330, contentWidth: 200, needed: 330 })).toEqual({ collapsed: false, needed: 330 });
  });

  it('changes nothing while the header has no width (hidden behind a maximized pane)', () => {
    expect(nextCollapsed({ collapsed: true, width: 0, contentWidth: 0, needed: 330 })).toEqual({ collapsed: true, needed: 330 });
    expect(nextCollapsed({ collapsed: false, width: 0, contentWidth: 50, needed: 0 })).toEqual({ collapsed: false, needed: 0 });
  });
});
