import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { UsageSettingsDto } from '../../../../contract/usage';
import { renderWithStores } from '../../testing/render';
import { agentDto, openProject, sessionDto } from '../../testing/world';
import { ResourcesDialog } from './ResourcesDialog';

async function openSettings(saveFails = false) {
  const { api, stores } = await openProject({ agents: [agentDto('coder')], sessions: [sessionDto('s1', 'coder')] });
  const saved: UsageSettingsDto[] = [];
  api
    .answer('resources.list', [])
    .answer('usage.settings.save', (settings) => {
      if (saveFails) return { ok: false, error: { kind: 'store-write-failed', message: 'the disk is full' } };
      saved.push(settings);
      return { ok: true, value: settings };
    });
  act(() => api.emit('sessions.usage', { sessions: [{ id: 's1', model: 'gpt-5.1-codex', inputTokens: 1000, outputTokens: 10 }] }));
  renderWithStores(<ResourcesDialog onClose={() => {}} />, { api, stores });
  fireEvent.click(await screen.findByRole('button', { name: 'Context warning and prices…' }));
  const form = screen.getByRole('form', { name: 'Context warning and prices' });
  return { stores, saved, form };
}

describe('The context warning and prices, from the Resources view', () => {
  it("keeps the user's threshold and a price for a model running without a cost, then goes back to the list", async () => {
    const { stores, saved, form } = await openSettings();
    fireEvent.change(within(form).getByLabelText(/much of its context/), { target: { value: '65' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Price gpt-5.1-codex' }));
    fireEvent.change(within(form).getByLabelText('Input price of gpt-5.1-codex'), { target: { value: '1.25' } });
    fireEvent.change(within(form).getByLabelText('Output price of gpt-5.1-codex'), { target: { value: '10' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save' }));
    await screen.findByRole('dialog', { name: 'Resources' });
    const expected = { contextWarningPercent: 65, prices: { 'gpt-5.1-codex': { inputPerMillionUsd: 1.25, outputPerMillionUsd: 10 } } };
    expect(saved).toEqual([expected]);
    expect(stores.usageSettings.getState().settings).toEqual(expected);
  });

  it('says what is wrong with a threshold or a price, and keeps nothing', async () => {
    const { saved, form } = await openSettings();
    fireEvent.change(within(form).getByLabelText(/much of its context/), { target: { value: '0' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save' }));
    expect(within(form).getByRole('alert').textContent).toBe('The context warning is a whole percent from 1 to 100.');
    fireEvent.change(within(form).getByLabelText(/much of its context/), { target: { value: '80' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Add a model' }));
    fireEvent.change(within(form).getByLabelText('Model'), { target: { value: 'opus' } });
    fireEvent.change(within(form).getByLabelText('Input price of opus'), { target: { value: '15' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save' }));
    expect(within(form).getByRole('alert').textContent).toBe('The prices of opus are dollars per million tokens, from 0 to 10000.');
    expect(saved).toEqual([]);
  });

  it('says why the settings could not be kept, and stays open', async () => {
    const { form } = await openSettings(true);
    fireEvent.click(within(form).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(within(form).getByRole('alert').textContent).toBe('Could not keep the settings: the disk is full'));
    expect(screen.getByRole('form', { name: 'Context warning and prices' })).toBeTruthy();
  });
});

describe('The context warning and prices, saved in another window', () => {
  it('show in a form the user has not touched, and leave a form the user is editing as it is', async () => {
    const { stores, form } = await openSettings();
    const elsewhere = { contextWarningPercent: 65, prices: { 'gpt-5.1-codex': { inputPerMillionUsd: 1.25, outputPerMillionUsd: 10 } } };
    act(() => stores.usageSettings.setState({ settings: elsewhere }));
    expect((within(form).getByLabelText(/much of its context/) as HTMLInputElement).value).toBe('65');
    expect((within(form).getByLabelText('Output price of gpt-5.1-codex') as HTMLInputElement).value).toBe('10');
    fireEvent.change(within(form).getByLabelText(/much of its context/), { target: { value: '70' } });
    act(() => stores.usageSettings.setState({ settings: { contextWarningPercent: 90, prices: {} } }));
    expect((within(form).getByLabelText(/much of its context/) as HTMLInputElement).value).toBe('70');
    expect(within(form).getByLabelText('Output price of gpt-5.1-codex')).toBeTruthy();
  });
});
