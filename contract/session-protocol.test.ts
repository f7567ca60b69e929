import { describe, expect, it } from 'vitest';
import { encodeMessage, encodeOutput, FrameDecoder } from './session-protocol';

describe('FrameDecoder', () => {
  const frames = [encodeMessage({ t: 'call', id: 7, method: 'agents.list', params: { a: 'é' } }), encodeOutput(3, new Uint8Array([1, 2, 3])), encodeMessage({ t: 'detach', channel: 3 })];
  const stream = new Uint8Array(frames.reduce((n, f) => n + f.byteLength, 0));
  frames.reduce((offset, f) => (stream.set(f, offset), offset + f.byteLength), 0);
  const expected = [
    { kind: 'message', json: { t: 'call', id: 7, method: 'agents.list', params: { a: 'é' } } },
    { kind: 'output', channel: 3, bytes: new Uint8Array([1, 2, 3]) },
    { kind: 'message', json: { t: 'detach', channel: 3 } },
  ];

  it('finds the same frames whatever chunks the stream arrives in', () => {
    for (const size of [1, 2, 3, 5, 8, 13, stream.byteLength]) {
      const decoder = new FrameDecoder();
      const found = [];
      for (let i = 0; i < stream.byteLength; i += size) found.push(...decoder.push(stream.subarray(i, i + size)).frames);
      expect(found).toEqual(expected);
    }
  });

  it('refuses a length beyond the bound before reading it, and stays failed', () => {
    const decoder = new FrameDecoder(1024);
    expect(decoder.push(new Uint8Array([0, 0, 4, 1, 0])).error).toEqual({ kind: 'protocol-error', message: 'a frame of 1025 bytes (at most 1024)' });
    expect(decoder.push(frames[0] as Uint8Array)).toEqual({ frames: [], error: expect.objectContaining({ kind: 'protocol-error' }) });
  });

  it('refuses a message that is not UTF-8 JSON, and a frame of unknown kind', () => {
    expect(new FrameDecoder().push(new Uint8Array([0, 0, 0, 2, 0, 0xff])).error?.message).toBe('a message that is not UTF-8');
    expect(new FrameDecoder().push(new Uint8Array([0, 0, 0, 2, 0, 0x7b])).error?.message).toBe('a message that is not JSON');
    expect(new FrameDecoder().push(new Uint8Array([0, 0, 0, 1, 7])).error?.message).toBe('a frame of unknown kind 7');
  });
});
