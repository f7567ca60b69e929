import { describe, expect, it } from 'vitest';
import { definedEnv, userConfigDir } from './config-dir';

describe('userConfigDir', () => {
  it('prefers TESSERA_CONFIG_DIR over the platform convention', () => {
    expect(userConfigDir({ TESSERA_CONFIG_DIR: '/tmp/cfg', XDG_CONFIG_HOME: '/x' }, 'linux', '/home/u')).toBe('/tmp/cfg');
  });

  it('follows XDG on Linux and falls back to ~/.config', () => {
    expect(userConfigDir({ XDG_CONFIG_HOME: '/x' }, 'linux', '/home/u')).toBe('/x');
    expect(userConfigDir({}, 'linux', '/home/u')).toBe('/home/u/.config');
  });

  it('uses Application Support on macOS and APPDATA on Windows', () => {
    expect(userConfigDir({}, 'darwin', '/Users/u')).toBe('/Users/u/Library/Application Support');
    expect(userConfigDir({ APPDATA: 'C:\\Users\\u\\AppData\\Roaming' }, 'win32', 'C:\\Users\\u')).toBe('C:\\Users\\u\\AppData\\Roaming');
  });
});

describe('definedEnv', () => {
  it('drops unset variables', () => {
    expect(definedEnv({ A: '1', B: undefined })).toEqual({ A: '1' });
  });
});
