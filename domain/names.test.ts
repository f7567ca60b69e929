import { describe, expect, it } from 'vitest';
import { parseDisplayName, slugify } from './names';

describe('parseDisplayName', () => {
  it('refuses a right-to-left override that makes a name read as another one', () => {
    const name = 'adm\u202Eexe.bat';
    expect(parseDisplayName(name)).toEqual({
      ok: false,
      error: { kind: 'name-invalid', name, reason: 'contains a text-direction control character, which would make it read as something else' },
    });
  });

  it('refuses every bidirectional control, embeddings, isolates and marks alike', () => {
    for (const control of ['\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069', '\u200E', '\u200F', '\u061C']) {
      expect(parseDisplayName(`Re${control}viewer`).ok).toBe(false);
    }
    expect(slugify('Re\u2067viewer').ok).toBe(false);
  });

  it('refuses C1 controls and DEL as it refuses C0 ones', () => {
    expect(parseDisplayName('Re\u009bviewer')).toMatchObject({ ok: false, error: { reason: 'contains a control character' } });
    expect(parseDisplayName('Re\u007fviewer').ok).toBe(false);
  });

  it('accepts names in right-to-left scripts, which need no control character', () => {
    expect(parseDisplayName('מבקר קוד')).toEqual({ ok: true, value: 'מבקר קוד' });
    expect(parseDisplayName('مراجع')).toEqual({ ok: true, value: 'مراجع' });
  });
});
