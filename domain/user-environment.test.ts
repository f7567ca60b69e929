import { describe, expect, it } from 'vitest';
import { withoutNpmScriptEnvironment } from './user-environment';

/** What `npm run web` in /home/u/tessera hands its script, around the user's own HOME, PATH and EDITOR. */
const underNpmRun = {
  HOME: '/home/u',
  EDITOR: 'nano',
  PATH: '/home/u/tessera/node_modules/.bin:/home/u/node_modules/.bin:/home/node_modules/.bin:/node_modules/.bin:/usr/lib/node_modules/npm/node_modules/@npmcli/run-script/lib/node-gyp-bin:/home/u/bin:/usr/bin:/bin',
  INIT_CWD: '/home/u/tessera',
  NODE: '/usr/bin/node',
  COLOR: '1',
  npm_command: 'run',
  npm_lifecycle_event: 'web',
  npm_lifecycle_script: 'npm run build:renderer && bin/tessera web',
  npm_config_cache: '/home/u/.npm',
  npm_node_execpath: '/usr/bin/node',
  npm_package_json: '/home/u/tessera/package.json',
};

describe('the environment an agent starts from', () => {
  it('is the user’s own under npm run: no node_modules/.bin of Tessera in front of PATH, no npm variables', () => {
    expect(withoutNpmScriptEnvironment(underNpmRun)).toEqual({ HOME: '/home/u', EDITOR: 'nano', PATH: '/home/u/bin:/usr/bin:/bin' });
  });

  it('keeps a node_modules/.bin the user put later in their own PATH', () => {
    const env = { ...underNpmRun, PATH: '/home/u/tessera/node_modules/.bin:/usr/bin:/home/u/tools/node_modules/.bin' };
    expect(withoutNpmScriptEnvironment(env).PATH).toBe('/usr/bin:/home/u/tools/node_modules/.bin');
  });

  it('keeps a NODE the user chose that is not the node npm ran', () => {
    expect(withoutNpmScriptEnvironment({ ...underNpmRun, NODE: '/opt/node22/bin/node' }).NODE).toBe('/opt/node22/bin/node');
  });

  it('is left as it is when npm did not start Tessera, node_modules/.bin in front and all', () => {
    const env = { HOME: '/home/u', PATH: '/home/u/project/node_modules/.bin:/usr/bin', INIT_CWD: '/home/u', COLOR: '1' };
    expect(withoutNpmScriptEnvironment(env)).toEqual(env);
  });
});
