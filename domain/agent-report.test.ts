import { describe, expect, it } from 'vitest';
import { claudeStatusReport } from './agent-report';

describe('claudeStatusReport', () => {
  it("reads the model, context, tokens, cost and duration from Claude Code's status-line JSON", () => {
    const json = {
      session_id: 'x',
      model: { id: 'claude-opus-4', display_name: 'Opus' },
      cost: { total_cost_usd: 1.25, total_duration_ms: 61_000, total_lines_added: 3 },
      context_window: { total_input_tokens: 150_000, total_output_tokens: 2_000, context_window_size: 200_000, used_percentage: 76, remaining_percentage: 24 },
    };
    expect(claudeStatusReport(json)).toEqual({ model: 'Opus', contextPercent: 76, contextWindow: 200_000, inputTokens: 150_000, outputTokens: 2_000, costUsd: 1.25, durationMs: 61_000 });
  });

  it('reports nothing of the context before the first turn, when Claude sends it as null', () => {
    expect(claudeStatusReport({ model: { id: 'claude-sonnet' }, cost: { total_cost_usd: 0 }, context_window: null })).toEqual({ model: 'claude-sonnet', costUsd: 0 });
  });

  it('reads anything malformed as not reported', () => {
    expect(claudeStatusReport({ model: 'x', cost: { total_cost_usd: -1 }, context_window: { used_percentage: 140, context_window_size: '200000' } })).toEqual({});
    expect(claudeStatusReport(null)).toEqual({});
    expect(claudeStatusReport([1, 2])).toEqual({});
  });
});
