import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { classifyScreen, compileStatusPatterns, type ScreenClass } from '../../domain/status';
import { builtinProfiles } from './builtin-profiles';

// Screens of each CLI as the mirror's screenText gives them: <profile>-<state>[-<variant>].txt.
const dir = join(__dirname, 'fixtures', 'screens');
const expected: Record<string, ScreenClass> = { 'needs-input': 'needs-input', busy: 'busy', idle: 'quiet', answered: 'quiet' };
const fixtures = readdirSync(dir)
  .filter((name) => name.endsWith('.txt'))
  .map((name) => {
    const match = /^([a-z]+)-(needs-input|busy|idle|answered)(-[a-z-]+)?\.txt$/.exec(name);
    if (!match) throw new Error(`fixture name not understood: ${name}`);
    return { name, profile: match[1] ?? '', state: match[2] ?? '', screen: readFileSync(join(dir, name), 'utf8') };
  });
const profiles = builtinProfiles({ SHELL: '/bin/bash' });

describe('built-in status patterns on recorded screens', () => {
  it('has a needs-input and an idle screen for every built-in profile', () => {
    for (const profile of profiles) {
      const states = fixtures.filter((f) => f.profile === profile.id).map((f) => f.state);
      expect(states, profile.id).toContain('needs-input');
      expect(states, profile.id).toContain('idle');
    }
  });

  for (const fixture of fixtures) {
    it(`reads ${fixture.name} as ${expected[fixture.state]}`, () => {
      const profile = profiles.find((p) => p.id === fixture.profile);
      expect(profile, `a built-in profile "${fixture.profile}"`).toBeDefined();
      expect(classifyScreen(fixture.screen, compileStatusPatterns(profile!.status))).toBe(expected[fixture.state]);
    });
  }

  it('does not read another CLI’s idle screen as needing input', () => {
    for (const profile of profiles) {
      const matcher = compileStatusPatterns(profile.status);
      for (const fixture of fixtures.filter((f) => f.state === 'idle')) {
        expect(classifyScreen(fixture.screen, matcher), `${profile.id} on ${fixture.name}`).not.toBe('needs-input');
      }
    }
  });
});

// Screens the real CLIs showed in Tessera (e2e/real/capture-real-agents.ts writes them): what each must read as.
const capturesDir = join(__dirname, '..', '..', 'e2e', 'fixtures', 'real-agents', 'captures');
const capturedExpectations: Record<string, Record<string, ScreenClass>> = {
  claude: {
    'onboarding-theme': 'needs-input', 'onboarding-security-notes': 'needs-input', trust: 'needs-input', 'trust-project-root': 'needs-input', 'login-method': 'needs-input',
    idle: 'quiet', busy: 'busy', 'text-turn-answered': 'quiet', 'long-turn-answered': 'quiet', permission: 'needs-input', 'tool-turn-done': 'quiet',
  },
  // Codex's screen shows no busy cue while it streams (its title spinner and OSC 7501 do): no busy screen here.
  codex: { trust: 'needs-input', idle: 'quiet', 'text-turn-answered': 'quiet', 'long-turn-answered': 'quiet', permission: 'needs-input', 'tool-turn-done': 'quiet' },
  gemini: {
    'auth-menu': 'needs-input', 'api-key-prompt': 'needs-input', 'trust-folder': 'needs-input', 'trust-project-root': 'needs-input',
    idle: 'quiet', busy: 'busy', 'text-turn-answered': 'quiet', 'long-turn-answered': 'quiet', permission: 'needs-input', 'tool-turn-done': 'quiet',
  },
};

describe('built-in status patterns on the real CLIs’ captured screens', () => {
  for (const [cli, screens] of Object.entries(capturedExpectations)) {
    const profile = profiles.find((p) => p.id === cli);
    for (const [what, expectedClass] of Object.entries(screens)) {
      it(`reads ${cli}'s ${what} screen as ${expectedClass}`, () => {
        const capture = JSON.parse(readFileSync(join(capturesDir, cli, `${what}.json`), 'utf8')) as { screen: string };
        expect(classifyScreen(capture.screen, compileStatusPatterns(profile!.status))).toBe(expectedClass);
      });
    }
  }
});
