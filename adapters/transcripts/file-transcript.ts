import { closeSync, constants, fstatSync, lstatSync, mkdirSync, openSync, readSync, realpathSync, renameSync, writeSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import { parseSlug } from '../../domain/names';
import type { TranscriptStore } from '../../domain/ports/transcript.port';

export interface FileTranscriptOptions {
  /** A log file is rotated before it would grow past this (default 5 MB). */
  readonly maxBytes?: number;
  /** Rotated files kept: `<slug>.1.log` (newest) .. `<slug>.<keep>.log` (default 2). */
  readonly keep?: number;
  /** Output is gathered this long before it is written (default 100 ms): the most a crash can lose. */
  readonly batchMs?: number;
  /** ...or until this much is gathered (default 64 KB). */
  readonly batchBytes?: number;
  /** Told about a write that failed (a full disk must not stop the agent). */
  readonly onError?: (error: unknown) => void;
}

interface Pending {
  chunks: string[];
  bytes: number;
}

/**
 * Transcripts in `<project>/.tessera/logs/`. Output is batched per agent and each batch
 * is appended with one synchronous write, so a crash loses at most the batch being gathered;
 * `flush` (on quit) writes everything now. Rotation renames `<slug>.log` to `<slug>.1.log` (and
 * that to `.2.log`, the oldest falling off), so disk use stays under (keep + 1) x maxBytes plus a batch.
 *
 * No link is followed: a cloned repository could ship `logs/bot.log -> ~/.bashrc`.
 * The logs folder and every folder from `.tessera` down to it must be real folders, and log files
 * are opened with O_NOFOLLOW, so a link there is refused (reported through onError), never written.
 */
export class FileTranscriptStore implements TranscriptStore {
  private readonly maxBytes: number;
  private readonly keep: number;
  private readonly batchMs: number;
  private readonly batchBytes: number;
  private readonly pending = new Map<string, Pending>();
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly logsDir: string,
    private readonly options: FileTranscriptOptions = {},
  ) {
    this.maxBytes = options.maxBytes ?? 5 * 1024 * 1024;
    this.keep = options.keep ?? 2;
    this.batchMs = options.batchMs ?? 100;
    this.batchBytes = options.batchBytes ?? 64 * 1024;
  }

  append(slug: string, data: string): void {
    checkSlug(slug);
    if (data === '') return;
    const pending = this.pending.get(slug) ?? { chunks: [], bytes: 0 };
    pending.chunks.push(data);
    pending.bytes += Buffer.byteLength(data);
    this.pending.set(slug, pending);
    if (pending.bytes >= this.batchBytes) this.write(slug);
    else this.timer ??= setTimeout(() => this.flushNow(), this.batchMs);
  }

  async read(slug: string, maxBytes: number): Promise<string> {
    checkSlug(slug);
    if (maxBytes <= 0) return '';
    // Newest first: what is still gathered, the live file, then the rotated ones.
    const parts: Buffer[] = [];
    let total = 0;
    const queued = this.pending.get(slug);
    if (queued) {
      const buf = Buffer.from(queued.chunks.join(''));
      parts.unshift(buf);
      total += buf.length;
    }
    let files: string[] = [];
    try {
      checkFolders(this.logsDir, false);
      files = this.files(slug);
    } catch (error) {
      // A missing logs folder holds nothing yet; a linked one is not read.
      if (!isMissing(error)) this.options.onError?.(error);
    }
    for (const file of files) {
      if (total >= maxBytes) break;
      const buf = readTail(file, maxBytes - total);
      parts.unshift(buf);
      total += buf.length;
    }
    const all = Buffer.concat(parts);
    return decodeFromBoundary(all.subarray(Math.max(0, all.length - maxBytes)));
  }

  async flush(): Promise<void> {
    this.flushNow();
  }

  /** Synchronous flush, for a quit path that cannot wait. */
  flushNow(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    for (const slug of [...this.pending.keys()]) this.write(slug);
  }

  private write(slug: string): void {
    const pending = this.pending.get(slug);
    this.pending.delete(slug);
    if (!pending) return;
    let fd: number | undefined;
    try {
      checkFolders(this.logsDir, true);
      const file = this.path(slug, 0);
      fd = openAppend(file);
      if (fstatSync(fd).size > 0 && fstatSync(fd).size + pending.bytes > this.maxBytes) {
        closeSync(fd);
        fd = undefined;
        this.rotate(slug);
        fd = openAppend(file);
      }
      writeAll(fd, Buffer.from(pending.chunks.join('')));
    } catch (error) {
      this.options.onError?.(error);
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
  }

  private rotate(slug: string): void {
    for (let n = this.keep; n >= 1; n--) {
      const from = this.path(slug, n - 1);
      // Renaming over the oldest drops it: that is the bound. (rename moves a link, it never follows one.)
      if (present(from)) renameSync(from, this.path(slug, n));
    }
  }

  /** Live file first, then rotated ones newest to oldest. */
  private files(slug: string): string[] {
    const out: string[] = [];
    for (let n = 0; n <= this.keep; n++) {
      const file = this.path(slug, n);
      if (present(file)) out.push(file);
    }
    return out;
  }

  private path(slug: string, generation: number): string {
    return join(this.logsDir, generation === 0 ? `${slug}.log` : `${slug}.${generation}.log`);
  }
}

function checkSlug(slug: string): void {
  const parsed = parseSlug(slug);
  // Callers pass agents' slugs, already checked; anything else is a bug, and must never become a path.
  if (!parsed.ok || parsed.value !== slug) throw new Error(`not an agent slug: ${JSON.stringify(slug)}`);
}

function readTail(file: string, maxBytes: number): Buffer {
  let fd: number | undefined;
  try {
    fd = openSync(file, constants.O_RDONLY | O_NOFOLLOW | O_NONBLOCK);
    const info = fstatSync(fd);
    if (!info.isFile()) return Buffer.alloc(0);
    const size = info.size;
    const length = Math.min(size, maxBytes);
    const buf = Buffer.alloc(length);
    const read = readSync(fd, buf, 0, length, size - length);
    return buf.subarray(0, read);
  } catch {
    // Rotated away between listing and reading, or a link (refused by O_NOFOLLOW): nothing we can show.
    return Buffer.alloc(0);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Cutting bytes off the front can split a code point: skip its continuation bytes rather than show U+FFFD. */
export function decodeFromBoundary(buf: Buffer): string {
  let start = 0;
  while (start < buf.length && start < 3 && ((buf[start] ?? 0) & 0xc0) === 0x80) start++;
  return buf.subarray(start).toString('utf8');
}

// The no-link rule, synchronous (appends run in the output path). adapters/fs-stores
// and adapters/node-fs hold the same rule: adapters never import each other.
const O_NOFOLLOW = constants.O_NOFOLLOW ?? 0;
const O_NONBLOCK = constants.O_NONBLOCK ?? 0;

export class LinkRefusedError extends Error {
  readonly code = 'ELINK';
  constructor(readonly path: string) {
    super(`"${path}" is a symbolic link (or not a folder), and Tessera follows no links inside .tessera`);
  }
}

/**
 * The logs folder and, when it is inside a `.tessera`, every folder from `.tessera` down to it
 * must be real folders (lstat), resolving to where they say; `create` makes missing ones one by one.
 */
function checkFolders(dir: string, create: boolean): void {
  const parts = dir.split(sep);
  const at = parts.indexOf('.tessera');
  // Outside a project's .tessera (tests, other callers) the logs folder itself is still checked.
  const base = at > 0 ? parts.slice(0, at).join(sep) || sep : dirname(dir);
  const segments = at > 0 ? parts.slice(at) : [parts[parts.length - 1] ?? ''];
  let current = base;
  for (const segment of segments) {
    current = join(current, segment);
    let info: ReturnType<typeof lstatSync> | undefined;
    try {
      info = lstatSync(current);
    } catch (error) {
      if (!create || !isMissing(error)) throw error;
      try {
        mkdirSync(current);
      } catch (made) {
        if ((made as { code?: string }).code !== 'EEXIST') throw made;
      }
      info = lstatSync(current);
    }
    if (info.isSymbolicLink() || !info.isDirectory()) throw new LinkRefusedError(current);
  }
  if (realpathSync(dir) !== join(realpathSync(base), ...segments)) throw new LinkRefusedError(dir);
}

function openAppend(file: string): number {
  return openSync(file, constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | O_NOFOLLOW | O_NONBLOCK, 0o644);
}

function writeAll(fd: number, buf: Buffer): void {
  let offset = 0;
  while (offset < buf.length) offset += writeSync(fd, buf, offset, buf.length - offset);
}

/** There is something at `path`, a link included (lstat, not stat). */
function present(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

function isMissing(error: unknown): boolean {
  const code = (error as { code?: string } | undefined)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}
