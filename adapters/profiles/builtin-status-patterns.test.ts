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
