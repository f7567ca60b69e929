import { describe, expect, it } from 'vitest';
import { LOGIN_PATH_MARK, loginPathFrom, searchPath } from './search-path';

describe('the search path of the CLIs', () => {
  it('reads the PATH on the marked line, whatever the start-up files printed around it', () => {
    expect(loginPathFrom(`Welcome back!\n\n${LOGIN_PATH_MARK}/home/u/.nvm/bin:/usr/bin\nbye\n`)).toBe('/home/u/.nvm/bin:/usr/bin');
    expect(loginPathFrom('no mark here\n')).toBeUndefined();
  });

  it('puts the login shell folders first, then the ones only the host has, without relative or repeated entries', () => {
    expect(searchPath('/home/u/.nvm/bin:/usr/bin:.:node_modules/.bin', '/usr/bin:/opt/tessera/bin::bin')).toBe('/home/u/.nvm/bin:/usr/bin:/opt/tessera/bin');
    expect(searchPath(undefined, '/usr/bin:/bin')).toBe('/usr/bin:/bin');
  });
});
