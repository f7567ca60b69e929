/** What the user pays for one model, in US dollars per million tokens. */
export interface ModelPrice {
  readonly inputPerMillionUsd: number;
  readonly outputPerMillionUsd: number;
}

/**
 * The user's own settings of the meters, kept in the user's config (never a project's, which a clone
 * could forge): the share of its context window past which an agent is badged and announced, and
 * what the user pays per model where a CLI reports tokens but no cost.
 */
export interface UsageSettings {
  /** Percent of the context window, 1 to 100. */
  readonly contextWarningPercent: number;
  /** Keyed by the model as its CLI names it, compared without case or surrounding spaces. */
  readonly prices: Readonly<Record<string, ModelPrice>>;
}

export const DEFAULT_CONTEXT_WARNING_PERCENT = 80;
export const MAX_PRICED_MODELS = 100;
/** A price above this per million tokens is a typing slip, not a price. */
export const MAX_PRICE_PER_MILLION_USD = 10_000;

export const DEFAULT_USAGE_SETTINGS: UsageSettings = { contextWarningPercent: DEFAULT_CONTEXT_WARNING_PERCENT, prices: {} };

/** The key a model's price is kept under: the CLI's name of it, without case or surrounding spaces. */
export function priceKey(model: string): string {
  return model.trim().toLowerCase();
}

const price = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= MAX_PRICE_PER_MILLION_USD ? value : undefined;

/**
 * Settings from a file's JSON, leniently: a field that is missing or malformed keeps its default, a
 * price that is not two sane numbers is dropped, so a hand-edited file never stops the meters.
 */
export function parseUsageSettings(json: unknown): UsageSettings {
  const root = typeof json === 'object' && json !== null && !Array.isArray(json) ? (json as Record<string, unknown>) : {};
  const percent = root.contextWarningPercent;
  const contextWarningPercent =
    typeof percent === 'number' && Number.isInteger(percent) && percent >= 1 && percent <= 100 ? percent : DEFAULT_CONTEXT_WARNING_PERCENT;
  // Entries, not assignments: a model named "__proto__" is a key like any other, never the object's prototype.
  const entries: Array<[string, ModelPrice]> = [];
  const given = typeof root.prices === 'object' && root.prices !== null && !Array.isArray(root.prices) ? (root.prices as Record<string, unknown>) : {};
  for (const [model, value] of Object.entries(given).slice(0, MAX_PRICED_MODELS)) {
    const entry = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
    const input = price(entry.inputPerMillionUsd);
    const output = price(entry.outputPerMillionUsd);
    const key = priceKey(model);
    if (key.length > 0 && key.length <= 200 && input !== undefined && output !== undefined) entries.push([key, { inputPerMillionUsd: input, outputPerMillionUsd: output }]);
  }
  return { contextWarningPercent, prices: Object.fromEntries(entries) };
}

/**
 * What a session's tokens cost at the user's price of its model: tokens in and out, each times its
 * price per million. Undefined unless the model, both token counts and a price for that model are
 * all known: never a guess.
 */
export function estimatedCostUsd(
  report: { readonly model?: string; readonly inputTokens?: number; readonly outputTokens?: number },
  prices: UsageSettings['prices'],
): number | undefined {
  if (report.model === undefined || report.inputTokens === undefined || report.outputTokens === undefined) return undefined;
  // Own keys only: a model a CLI reports as "constructor" has no price, not Object's.
  const key = priceKey(report.model);
  const found = Object.hasOwn(prices, key) ? prices[key] : undefined;
  if (!found) return undefined;
  return (report.inputTokens * found.inputPerMillionUsd + report.outputTokens * found.outputPerMillionUsd) / 1_000_000;
}
