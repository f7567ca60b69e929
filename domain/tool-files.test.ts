import { describe, expect, it } from 'vitest';
import { absoluteFrom, filesWrittenBy, shellCommandEvent } from './tool-files';

describe('filesWrittenBy', () => {
  it('names the file of a finished Write, Edit or NotebookEdit (Claude Code) and write_file or replace (Gemini CLI)', () => {
    expect(filesWrittenBy({ hook_event_name: 'PostToolUse', tool_name: 'Write', tool_input: { file_path: '/p/a.txt', content: 'x' } })).toEqual(['/p/a.txt']);
    expect(filesWrittenBy({ hook_event_name: 'PostToolUse', tool_name: 'Edit', tool_input: { file_path: '/p/b.ts' }, agent_id: 'sub' })).toEqual(['/p/b.ts']);
    expect(filesWrittenBy({ hook_event_name: 'PostToolUse', tool_name: 'NotebookEdit', tool_input: { notebook_path: '/p/n.ipynb' } })).toEqual(['/p/n.ipynb']);
    expect(filesWrittenBy({ hook_event_name: 'AfterTool', tool_name: 'replace', tool_input: { file_path: '/p/c.py' } })).toEqual(['/p/c.py']);
  });

  it('names nothing for a tool about to run, a tool that reads, a shell command, or a malformed payload', () => {
    expect(filesWrittenBy({ hook_event_name: 'PreToolUse', tool_name: 'Write', tool_input: { file_path: '/p/a.txt' } })).toEqual([]);
    expect(filesWrittenBy({ hook_event_name: 'PostToolUse', tool_name: 'Read', tool_input: { file_path: '/p/a.txt' } })).toEqual([]);
    expect(filesWrittenBy({ hook_event_name: 'PostToolUse', tool_name: 'Bash', tool_input: { command: 'rm a.txt' } })).toEqual([]);
    expect(filesWrittenBy({ hook_event_name: 'PostToolUse', tool_name: 'Write', tool_input: { file_path: 7 } })).toEqual([]);
    expect(filesWrittenBy({ hook_event_name: 'PostToolUse', tool_name: 'Write' })).toEqual([]);
    expect(filesWrittenBy('PostToolUse')).toEqual([]);
  });
});

describe('absoluteFrom', () => {
  it('keeps an absolute path and resolves a relative one from the folder, dots by name', () => {
    expect(absoluteFrom('/p/run/x', '/p/a.txt')).toBe('/p/a.txt');
    expect(absoluteFrom('/p/run/x', '../../b.txt')).toBe('/p/b.txt');
    expect(absoluteFrom('/p/', './src//c.ts')).toBe('/p/src/c.ts');
  });
});

describe('shellCommandEvent', () => {
  it('tells the events before and after a shell command', () => {
    expect(shellCommandEvent({ hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_use_id: 't1', tool_input: { command: 'make' } })).toBe('before');
    expect(shellCommandEvent({ hook_event_name: 'PostToolUse', tool_name: 'Bash', tool_use_id: 't1' })).toBe('after');
    expect(shellCommandEvent({ hook_event_name: 'BeforeTool', tool_name: 'run_shell_command' })).toBe('before');
    expect(shellCommandEvent({ hook_event_name: 'PostToolUse', tool_name: 'Write' })).toBeUndefined();
    expect(shellCommandEvent({ hook_event_name: 'PermissionRequest', tool_name: 'Bash' })).toBeUndefined();
    expect(shellCommandEvent(null)).toBeUndefined();
  });
});
