import { describe, expect, it } from 'vitest';
import { estimatedCostUsd, parseUsageSettings } from './usage-settings';

describe('usage settings', () => {
  const prices = { 'gpt-5.1-codex': { inputPerMillionUsd: 1.25, outputPerMillionUsd: 10 } };

  it("costs tokens at the user's price of the model, whatever the model name's case and spaces", () => {
    expect(estimatedCostUsd({ model: ' GPT-5.1-Codex', inputTokens: 2_000_000, outputTokens: 100_000 }, prices)).toBe(3.5);
  });

  it('estimates nothing without a price for the model, a model, or both token counts', () => {
    expect(estimatedCostUsd({ model: 'gemini-2.5-pro', inputTokens: 10, outputTokens: 10 }, prices)).toBeUndefined();
    expect(estimatedCostUsd({ inputTokens: 10, outputTokens: 10 }, prices)).toBeUndefined();
    expect(estimatedCostUsd({ model: 'gpt-5.1-codex', inputTokens: 10 }, prices)).toBeUndefined();
  });

  it('reads a malformed file as the defaults, field by field', () => {
    expect(parseUsageSettings(null)).toEqual({ contextWarningPercent: 80, prices: {} });
    expect(parseUsageSettings({ contextWarningPercent: 62.5, prices: { x: { inputPerMillionUsd: 1, outputPerMillionUsd: 1e9 } } })).toEqual({ contextWarningPercent: 80, prices: {} });
    expect(parseUsageSettings({ contextWarningPercent: 62, prices: [] })).toEqual({ contextWarningPercent: 62, prices: {} });
  });

  it('prices only the models the user priced: names of Object members and "__proto__" are plain keys', () => {
    const settings = parseUsageSettings(JSON.parse('{"prices":{"__proto__":{"inputPerMillionUsd":1,"outputPerMillionUsd":2}}}'));
    expect(Object.getPrototypeOf(settings.prices)).toBe(Object.prototype);
    expect(estimatedCostUsd({ model: '__proto__', inputTokens: 1_000_000, outputTokens: 0 }, settings.prices)).toBe(1);
    expect(estimatedCostUsd({ model: 'constructor', inputTokens: 10, outputTokens: 10 }, settings.prices)).toBeUndefined();
    expect(estimatedCostUsd({ model: 'toString', inputTokens: 10, outputTokens: 10 }, {})).toBeUndefined();
  });
});
