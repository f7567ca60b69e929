import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { World } from './host';

/** The stand-in's profile id, for a persona's `profile:` or the New agent dialog. */
export const CODEX_STAND_IN_PROFILE = 'codex-stand-in';

/**
 * A stand-in for Codex: a program named `codex` that writes a rollout file as Codex 0.171.0 does
 * (session_meta, turn_context, a token_count with the account's rate_limits: gpt-5.1-codex, 2M tokens
 * in and 100k out), prints one line and then waits. It reports tokens and usage-limit windows but no
 * cost; its one line makes one turn (busy on output, idle once quiet).
 */
const ROLLOUT_WRITER = `#!/bin/sh
day="$CODEX_HOME/sessions/$(date -u +%Y/%m/%d)"
mkdir -p "$day"
now="$(date -u +%Y-%m-%dT%H:%M:%S.000Z)"
file="$day/rollout-$(date -u +%Y-%m-%dT%H-%M-%S)-stand-in.jsonl"
printf '{"timestamp":"%s","type":"session_meta","payload":{"session_id":"stand-in","timestamp":"%s","cwd":"%s","cli_version":"0.171.0"}}\\n' "$now" "$now" "$PWD" > "$file"
printf '{"type":"turn_context","payload":{"model":"gpt-5.1-codex"}}\\n' >> "$file"
printf '{"type":"event_msg","payload":{"type":"token_count","info":{"total_token_usage":{"input_tokens":2000000,"output_tokens":100000,"total_tokens":2100000},"last_token_usage":{"total_tokens":64600},"model_context_window":258400},"rate_limits":{"limit_id":"codex","primary":{"used_percent":42.5,"window_minutes":300,"resets_at":%s},"secondary":{"used_percent":7.0,"window_minutes":10080,"resets_at":%s}}}}\\n' "$(($(date +%s) + 3600))" "$(($(date +%s) + 432000))" >> "$file"
echo "codex stand-in ready"
exec sleep 600
`;

/** Puts the stand-in and its profile in the world; the host reads the profile when it (re)starts. */
export function installCodexStandIn(world: World): void {
  const bin = join(world.root, 'bin');
  mkdirSync(bin, { recursive: true });
  writeFileSync(join(bin, 'codex'), ROLLOUT_WRITER);
  chmodSync(join(bin, 'codex'), 0o755);
  writeFileSync(
    join(world.configDir, 'tessera', 'profiles', `${CODEX_STAND_IN_PROFILE}.json`),
    JSON.stringify({
      id: CODEX_STAND_IN_PROFILE,
      name: 'Codex (stand-in)',
      command: join(bin, 'codex'),
      args: [],
      env: { CODEX_HOME: join(world.root, 'codex-home') },
      inject: { kind: 'convention-file', target: 'AGENTS.md' },
      status: { needsInput: [], busy: [] },
    }),
  );
}
