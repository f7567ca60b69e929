import { describe, expect, it } from 'vitest';
import { refusedProjectFolder } from './project-location';

describe('refusedProjectFolder', () => {
  it('refuses a folder inside a project’s .tessera, at any depth', () => {
    for (const path of ['/home/me/proj/.tessera', '/home/me/proj/.tessera/agents', '/home/me/proj/.tessera/run/x/']) {
      expect(refusedProjectFolder(path, '/home/me')).toEqual({ kind: 'project-inside-tessera', path });
    }
  });

  it('refuses the system’s folders, and everything below the kernel’s views', () => {
    for (const path of ['/etc', '/usr', '/bin', '/sbin', '/lib', '/lib64', '/var', '/boot', '/proc', '/proc/1/cwd', '/sys/kernel', '/dev', '/etc/']) {
      expect(refusedProjectFolder(path, '/home/me')).toEqual({ kind: 'project-is-system-folder', path });
    }
  });

  it('refuses the home folder itself but not a folder in it', () => {
    expect(refusedProjectFolder('/home/me', '/home/me')).toEqual({ kind: 'project-is-home-folder', path: '/home/me' });
    expect(refusedProjectFolder('/home/me/', '/home/me/')).toEqual({ kind: 'project-is-home-folder', path: '/home/me/' });
    expect(refusedProjectFolder('/home/me/shop', '/home/me')).toBeUndefined();
  });

  it('accepts projects below system folders and folders that only start like them', () => {
    for (const path of ['/var/www/site', '/usr/src/linux', '/etcetera', '/library/x', '/home/me/proj/tessera', '/home/me/proj/.tessera-old']) {
      expect(refusedProjectFolder(path, '/home/me')).toBeUndefined();
    }
  });
});
