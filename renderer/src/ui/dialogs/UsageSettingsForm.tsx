import { useEffect, useState } from 'react';
import type { UsageSettingsDto } from '../../../../contract/usage';
import { useApp, useUsage, useUsageSettings } from '../shell/StoresContext';

interface PriceRow {
  readonly key: number;
  readonly model: string;
  readonly input: string;
  readonly output: string;
}

const MAX_PRICE = 10_000;

/** The settings the form's fields make, or what is wrong with them. */
export function settingsOfForm(percent: string, rows: readonly PriceRow[]): { settings: UsageSettingsDto } | { error: string } {
  const threshold = Number(percent);
  if (!/^\d+$/.test(percent.trim()) || threshold < 1 || threshold > 100) return { error: 'The context warning is a whole percent from 1 to 100.' };
  const prices: UsageSettingsDto['prices'] = {};
  for (const row of rows) {
    const model = row.model.trim();
    if (model === '' && row.input.trim() === '' && row.output.trim() === '') continue;
    if (model === '') return { error: 'Each price needs the model it is for, as its CLI names it.' };
    const key = model.toLowerCase();
    if (prices[key]) return { error: `${model} has two prices.` };
    const input = Number(row.input);
    const output = Number(row.output);
    const sane = (text: string, value: number) => text.trim() !== '' && Number.isFinite(value) && value >= 0 && value <= MAX_PRICE;
    if (!sane(row.input, input) || !sane(row.output, output)) return { error: `The prices of ${model} are dollars per million tokens, from 0 to ${MAX_PRICE}.` };
    prices[key] = { inputPerMillionUsd: input, outputPerMillionUsd: output };
  }
  return { settings: { contextWarningPercent: threshold, prices } };
}

/** The form's price rows for kept settings, keyed from 0. */
const rowsOf = (settings: UsageSettingsDto): PriceRow[] =>
  Object.entries(settings.prices).map(([model, price], key) => ({ key, model, input: String(price.inputPerMillionUsd), output: String(price.outputPerMillionUsd) }));

/**
 * The user's meter settings, kept in the user's config: the context warning's threshold and, for a
 * CLI that reports tokens but no cost, what each model costs (dollars per million tokens in and out).
 * Models running now without a cost are offered, so a price is one click and two numbers away.
 */
export function UsageSettingsForm({ onDone }: { onDone: () => void }) {
  const app = useApp();
  const saved = useUsageSettings((s) => s.settings);
  const running = useUsage((s) => s.byId);
  const [percent, setPercent] = useState(String(saved.contextWarningPercent));
  const [rows, setRows] = useState<PriceRow[]>(() => rowsOf(saved));
  const [nextKey, setNextKey] = useState(rows.length);
  const [error, setError] = useState<string>();
  const [saving, setSaving] = useState(false);
  // Settings saved in another window show here until the user starts editing; then the edits are theirs to keep.
  const [edited, setEdited] = useState(false);
  useEffect(() => {
    if (edited) return;
    const fresh = rowsOf(saved);
    setPercent(String(saved.contextWarningPercent));
    setRows(fresh);
    setNextKey(fresh.length);
  }, [saved]);

  const listed = new Set(rows.map((row) => row.model.trim().toLowerCase()));
  const unpriced = [
    ...new Set(
      Object.values(running)
        .filter((usage) => usage.model !== undefined && usage.inputTokens !== undefined && (usage.costUsd === undefined || usage.costEstimated))
        .map((usage) => usage.model!),
    ),
  ].filter((model) => !listed.has(model.trim().toLowerCase()));

  const addRow = (model = '') => {
    setEdited(true);
    setRows((all) => [...all, { key: nextKey, model, input: '', output: '' }]);
    setNextKey((key) => key + 1);
  };
  const change = (key: number, field: 'model' | 'input' | 'output', value: string) => {
    setEdited(true);
    setRows((all) => all.map((row) => (row.key === key ? { ...row, [field]: value } : row)));
  };

  const save = async (e: React.FormEvent) => {
    e.preventDefault();
    const made = settingsOfForm(percent, rows);
    if ('error' in made) {
      setError(made.error);
      return;
    }
    setSaving(true);
    const failed = await app.usageSettings.getState().save(made.settings);
    setSaving(false);
    if (failed) setError(`Could not keep the settings: ${failed}`);
    else onDone();
  };

  return (
    <form className="usage-settings" noValidate onSubmit={(e) => void save(e)} aria-label="Context warning and prices">
      <div className="field">
        <label htmlFor="context-warning-percent">Warn when an agent has used this much of its context (%)</label>
        <input
          id="context-warning-percent"
          type="number"
          min={1}
          max={100}
          step={1}
          inputMode="numeric"
          value={percent}
          data-autofocus
          onChange={(e) => {
            setEdited(true);
            setPercent(e.target.value);
          }}
        />
        <span className="field-hint">The agent is badged and you are told once, so you can compact or hand over before its CLI does.</span>
      </div>
      <fieldset className="field">
        <legend>Your prices, for CLIs that report tokens but no cost</legend>
        <span className="field-hint">Dollars per million tokens. A cost made from them is shown with ~ and said to be estimated.</span>
        {rows.length > 0 ? (
          <table className="price-table">
            <thead>
              <tr>
                <th scope="col">Model</th>
                <th scope="col">Input $/M</th>
                <th scope="col">Output $/M</th>
                <th scope="col">
                  <span className="visually-hidden">Remove</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.key}>
                  <td>
                    <input aria-label="Model" value={row.model} maxLength={200} onChange={(e) => change(row.key, 'model', e.target.value)} />
                  </td>
                  <td>
                    <input aria-label={`Input price of ${row.model || 'the model'}`} type="number" min={0} step="any" value={row.input} onChange={(e) => change(row.key, 'input', e.target.value)} />
                  </td>
                  <td>
                    <input aria-label={`Output price of ${row.model || 'the model'}`} type="number" min={0} step="any" value={row.output} onChange={(e) => change(row.key, 'output', e.target.value)} />
                  </td>
                  <td>
                    <button
                      type="button"
                      className="button small"
                      aria-label={`Remove the price of ${row.model || 'this model'}`}
                      onClick={() => {
                        setEdited(true);
                        setRows((all) => all.filter((r) => r.key !== row.key));
                      }}
                    >
                      Remove
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
        <div className="price-add">
          {unpriced.map((model) => (
            <button key={model} type="button" className="button small" onClick={() => addRow(model)}>
              Price {model}
            </button>
          ))}
          <button type="button" className="button small" onClick={() => addRow()}>
            Add a model
          </button>
        </div>
      </fieldset>
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="dialog-buttons">
        <button type="button" className="button" onClick={onDone}>
          Cancel
        </button>
        <button type="submit" className="button primary" disabled={saving}>
          Save
        </button>
      </div>
    </form>
  );
}
