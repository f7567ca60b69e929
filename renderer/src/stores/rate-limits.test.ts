import { describe, expect, it } from 'vitest';
import { describeRateLimits, formatRateLimits, windowName } from './rate-limits';
import { formatReport } from './usage-store';

const RESETS = Date.UTC(2026, 11, 5, 14, 5);

describe('usage-limit windows', () => {
  it("names Codex's windows as the user thinks of them, and any other by its length", () => {
    expect([300, 10_080, 1440, 45, 90, 4320].map((minutes) => windowName(minutes, '?'))).toEqual(['5h', 'week', 'day', '45m', '1.5h', '3d']);
    expect(windowName(undefined, 'short')).toBe('short');
  });

  it('shows how much of each window is used, in the pane header after the tokens', () => {
    const rateLimits = { primary: { usedPercent: 42.5, windowMinutes: 300, resetsAt: RESETS }, secondary: { usedPercent: 7, windowMinutes: 10_080 } };
    expect(formatRateLimits(rateLimits)).toBe('5h 43% · week 7%');
    expect(formatReport({ model: 'gpt-5.1-codex', inputTokens: 1200, outputTokens: 40, rateLimits })).toBe('gpt-5.1-codex · 1.2k in / 40 out · 5h 43% · week 7%');
    expect(describeRateLimits(rateLimits, 'en-GB')).toMatch(/^5h limit 43% used, resets at \d\d:\d\d; week limit 7% used$/);
  });

  it('shows nothing where the CLI recorded no window', () => {
    expect(formatRateLimits(undefined)).toBe('');
    expect(formatRateLimits({})).toBe('');
    expect(formatReport({ model: 'opus' })).toBe('opus');
  });
});
