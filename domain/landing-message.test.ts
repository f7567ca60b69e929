import { describe, expect, it } from 'vitest';
import { draftLandingMessage } from './landing-message';

describe('a landing message drafted from prompts', () => {
  it('uses a single short prompt as the whole message', () => {
    expect(draftLandingMessage({ agentName: 'Rev', prompts: ['Fix the cart total'] })).toBe('Fix the cart total\n');
  });

  it('uses the first prompt’s first line as the subject and lists every prompt in the body', () => {
    expect(draftLandingMessage({ agentName: 'Rev', prompts: ['\nFix the cart total\nIt is off by one.', 'Add a test', '   '] })).toBe('Fix the cart total\n\nAsked of Rev:\n- Fix the cart total\n- Add a test\n');
  });

  it('keeps the subject within 72 characters and says how many prompts were left out', () => {
    const message = draftLandingMessage({ agentName: 'Rev', prompts: Array.from({ length: 25 }, (_, i) => `Prompt ${i} ${'x'.repeat(100)}`) });
    const [subject, , , ...body] = message.trimEnd().split('\n');
    expect(subject!.length).toBe(72);
    expect(body).toHaveLength(21);
    expect(body[20]).toBe('- and 5 more');
  });

  it('names the agent when there were no prompts', () => {
    expect(draftLandingMessage({ agentName: 'Rev', prompts: [] })).toBe('Work of Rev\n');
  });
});
