import { commandRunnerContract } from '../contracts/command-runner.contract';
import { FakeCommandRunner } from './fake-command-runner';

commandRunnerContract('FakeCommandRunner', async () => ({
  runner: new FakeCommandRunner()
    .define('succeed', () => ({ exitCode: 0, output: 'done\n' }))
    .define('fail', () => ({ exitCode: 3, output: 'broken\n' }))
    .define('where-am-i', (request) => ({ exitCode: 0, output: `${request.cwd}\n${request.env.GREETING ?? ''}\n` }))
    .define('hang', () => 'hangs')
    .define('chatty', () => ({ exitCode: 0, output: Array.from({ length: 2000 }, (_, i) => `line ${i + 1}\n`).join('') })),
  cwd: '/work/project',
  commands: { succeed: 'succeed', fail: 'fail', whereAmI: 'where-am-i', hang: 'hang', chatty: 'chatty' },
}));
