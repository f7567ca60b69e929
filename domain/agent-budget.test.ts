import { describe, expect, it } from 'vitest';
import { agentFromFrontmatter, agentToFrontmatter } from './agent-validation';

describe('the budget in a persona file', () => {
  it('reads dollars a day and writes them back', () => {
    const parsed = agentFromFrontmatter('coder', { name: 'Coder', budget: 2.5 }, 'You code.');
    expect(parsed.ok && parsed.value.budget).toBe(2.5);
    expect(parsed.ok && agentToFrontmatter(parsed.value).budget).toBe(2.5);
  });

  it('leaves an agent without one unbudgeted', () => {
    const parsed = agentFromFrontmatter('coder', { name: 'Coder' }, '');
    expect(parsed.ok && 'budget' in parsed.value).toBe(false);
  });

  it('refuses a budget that is not a positive number, naming it', () => {
    for (const budget of [0, -1, '5 dollars', Number.POSITIVE_INFINITY]) {
      const parsed = agentFromFrontmatter('coder', { name: 'Coder', budget }, '');
      expect(parsed.ok ? undefined : parsed.error.message).toMatch(/^"budget" must be dollars a day/);
    }
  });
});
