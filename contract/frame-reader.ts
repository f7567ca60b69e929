import type { z } from 'zod';
import { FrameDecoder } from './session-protocol';

/** What reading a side's frames needs: where each kind goes, and when to stop. */
export interface FrameReading<T> {
  /** The messages this side may receive. */
  readonly schema: z.ZodType<T>;
  /** True once this side closed: no frame is handled after that, even from the chunk in hand. */
  readonly closed: () => boolean;
  /** An output frame; 'stop' ends the reading of this chunk (a side that takes none refuses it). */
  readonly onOutput: (channel: number, bytes: Uint8Array) => 'stop' | void;
  readonly onMessage: (message: T) => void;
  /** A message the schema refuses; no later frame of the chunk is handled. */
  readonly onInvalid: (error: z.ZodError) => void;
  /** The byte stream broke the framing; it stays broken. */
  readonly onBroken: (message: string) => void;
}

/** Reads the frames of a byte stream in order, whatever chunks they arrive in, each to its handler. */
export function readFrames<T>(stream: { onData(listener: (bytes: Uint8Array) => void): void }, reading: FrameReading<T>): void {
  const decoder = new FrameDecoder();
  stream.onData((chunk) => {
    if (reading.closed()) return;
    const { frames, error } = decoder.push(chunk);
    for (const frame of frames) {
      if (reading.closed()) return;
      if (frame.kind === 'output') {
        if (reading.onOutput(frame.channel, frame.bytes) === 'stop') return;
        continue;
      }
      const parsed = reading.schema.safeParse(frame.json);
      if (!parsed.success) return reading.onInvalid(parsed.error);
      reading.onMessage(parsed.data);
    }
    if (error) reading.onBroken(error.message);
  });
}
