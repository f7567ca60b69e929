import { describe, expect, it } from 'vitest';
import { ptyContract } from '../contracts/pty.contract';
import { FakePtyPort } from './fake-pty';

function scriptedPty(): FakePtyPort {
  return new FakePtyPort()
    .define('echo', (p) => {
      p.output('ready\r\n');
      let line = '';
      p.onInput((data) => {
        for (const ch of data) {
          if (ch === '\r' || ch === '\n') {
            p.output(`echo: ${line}\r\n`);
            line = '';
          } else line += ch;
        }
      });
    })
    .define('exit', (p) => {
      p.output('bye\r\n');
      p.exit(Number(p.spec.args[0]));
    })
    .define('burst', (p) => {
      p.output(`${'x'.repeat(Number(p.spec.args[0]))}END`);
      p.exit(0);
    })
    .define('size', (p) => {
      p.output(`size ${p.size.cols}x${p.size.rows}\r\n`);
      p.onResize((s) => p.output(`size ${s.cols}x${s.rows}\r\n`));
    });
}

ptyContract('FakePtyPort', async () => ({
  pty: scriptedPty(),
  cwd: '/work',
  env: {},
  echo: { command: 'echo', args: [] },
  exitWith: (code) => ({ command: 'exit', args: [String(code)] }),
  size: { command: 'size', args: [] },
  burst: (bytes) => ({ command: 'burst', args: [String(bytes)] }),
}));

describe('FakePtyPort', () => {
  it('records what was spawned and written so tests can assert on it', () => {
    const pty = new FakePtyPort().define('agent');
    const spawned = pty.spawn({ command: 'agent', args: ['-x'], cwd: '/p', env: { A: '1' }, size: { cols: 80, rows: 24 } });
    expect(spawned.ok).toBe(true);
    pty.last().write('hi');
    expect(pty.spawned).toEqual([{ command: 'agent', args: ['-x'], cwd: '/p', env: { A: '1' }, size: { cols: 80, rows: 24 } }]);
    expect(pty.last().written).toEqual(['hi']);
  });

  it('holds output back while paused and delivers it on resume', () => {
    const pty = new FakePtyPort().define('agent');
    pty.spawn({ command: 'agent', args: [], cwd: '/p', env: {}, size: { cols: 80, rows: 24 } });
    const seen: string[] = [];
    const handle = pty.last();
    handle.onData((d) => seen.push(d));
    handle.pause();
    handle.emit('a');
    expect(seen).toEqual([]);
    handle.resume();
    expect(seen).toEqual(['a']);
  });
});
