import { closeSync, constants, fstatSync, openSync, readSync, statSync, lstatSync, realpathSync } from 'node:fs';
import { DEFAULT_LIMITS, formatBytes, howToRaise } from './limits.ts';

export interface ReadLimits {
  /** Largest file read, in bytes (default 10 MiB). */
  readonly maxFileSize?: number;
}

export const DEFAULT_MAX_FILE_SIZE = DEFAULT_LIMITS.maxFileSize;

/**
 * Test hook: called with a file's path when its read starts (`stat`) and just before it is opened (`open`), so
 * tests can make a file vanish or change type mid-run. Not part of the public API.
 */
let readHook: ((path: string, phase: 'stat' | 'open') => void) | undefined;
export function setReadHook(hook: typeof readHook): void {
  readHook = hook;
}

function tooLarge(max: number, size: number): string {
  return `larger than the maxFileSize limit of ${formatBytes(max)} (${formatBytes(size)}; ${howToRaise('maxFileSize')})`;
}

// Never block on a FIFO swapped in after the stat: open without waiting, then check what was opened.
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0);

export type ReadOutcome = { ok: true; text: string; encoding: string } | { ok: false; reason: string };

/**
 * Read a file as text without following it anywhere it should not go: only regular files (no FIFOs or
 * devices, checked again on the opened descriptor), no symlink loops, nothing over the size limit, nothing
 * binary. UTF-8 (with or without BOM) and UTF-16 LE/BE (with BOM, or sniffed without) are decoded; invalid
 * UTF-8 sequences become U+FFFD, so positions stay right. A file that vanishes mid-run is a reason, not a throw.
 */
export function readTextFile(path: string, limits: ReadLimits = {}): ReadOutcome {
  const max = limits.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  let st;
  try {
    readHook?.(path, 'stat');
    st = statSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      try {
        if (lstatSync(path).isSymbolicLink()) return { ok: false, reason: 'broken symbolic link' };
      } catch {
        /* vanished */
      }
    }
    return { ok: false, reason: readFailure(e) };
  }
  if (st.isDirectory()) return { ok: false, reason: 'is a directory' };
  if (!st.isFile()) return { ok: false, reason: 'not a regular file (FIFO, socket or device)' };
  if (st.size > max) return { ok: false, reason: tooLarge(max, st.size) };
  let buf: Buffer;
  let fd: number | undefined;
  try {
    readHook?.(path, 'open');
    fd = openSync(path, OPEN_FLAGS);
    const fst = fstatSync(fd);
    if (!fst.isFile()) return { ok: false, reason: 'not a regular file (FIFO, socket or device)' };
    const size = fst.size;
    if (size > max) return { ok: false, reason: tooLarge(max, size) };
    buf = Buffer.allocUnsafe(size);
    let off = 0;
    while (off < size) {
      const n = readSync(fd, buf, off, size - off, off);
      if (n === 0) break;
      off += n;
    }
    buf = buf.subarray(0, off);
  } catch (e) {
    return { ok: false, reason: readFailure(e) };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
  return decodeText(buf);
}

/** Why a stat, open or read failed, in words. */
function readFailure(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ELOOP') return 'symbolic link loop';
  if (code === 'ENOENT') return 'file not found (it was removed during the run)';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'is a directory';
  return `cannot read (${code ?? (e as Error).message})`;
}

/**
 * Decode bytes to text (BOM removed), or say why they are not text. UTF-16 without a BOM is recognised when
 * nearly every other byte is zero and the text decoded that way has no control characters (Windows tools save
 * ASCII-heavy prompts like that); anything else with NUL bytes or many control bytes is binary.
 */
export function decodeText(buf: Buffer): ReadOutcome {
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) return { ok: true, text: new TextDecoder('utf-16le').decode(buf.subarray(2)), encoding: 'utf-16le' };
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) return { ok: true, text: new TextDecoder('utf-16be').decode(buf.subarray(2)), encoding: 'utf-16be' };
  const hasBom = buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf;
  const body = hasBom ? buf.subarray(3) : buf;
  if (!hasBom) {
    const utf16 = sniffUtf16(body);
    if (utf16) return { ok: true, text: new TextDecoder(utf16).decode(body), encoding: `${utf16}-nobom` };
  }
  if (looksBinary(body)) return { ok: false, reason: 'binary file' };
  return { ok: true, text: new TextDecoder('utf-8').decode(body), encoding: hasBom ? 'utf-8-bom' : 'utf-8' };
}

/**
 * `utf-16le` / `utf-16be` for text without a BOM whose first 8 KiB have a zero high byte in at least 90% of the
 * code units, a non-zero low byte in all of them, and no control characters but tab, CR, LF and form feed.
 */
function sniffUtf16(buf: Buffer): 'utf-16le' | 'utf-16be' | undefined {
  const n = Math.min(buf.length, 8192) & ~1;
  if (n < 4 || buf.length % 2 !== 0) return undefined;
  let zeroOdd = 0;
  let zeroEven = 0;
  for (let i = 0; i < n; i += 2) {
    if (buf[i] === 0) zeroEven++;
    if (buf[i + 1] === 0) zeroOdd++;
  }
  const units = n / 2;
  const le = zeroOdd >= units * 0.9 && zeroEven === 0;
  const be = zeroEven >= units * 0.9 && zeroOdd === 0;
  if (!le && !be) return undefined;
  for (let i = 0; i < n; i += 2) {
    const hi = le ? buf[i + 1]! : buf[i]!;
    const lo = le ? buf[i]! : buf[i + 1]!;
    if (hi === 0 && (lo < 32 || lo === 127) && lo !== 9 && lo !== 10 && lo !== 12 && lo !== 13) return undefined;
  }
  return le ? 'utf-16le' : 'utf-16be';
}

/** A NUL byte or a high share of control bytes in the first 8 KiB. */
function looksBinary(buf: Buffer): boolean {
  const n = Math.min(buf.length, 8192);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = buf[i]!;
    if (b === 0) return true;
    if (b < 9 || (b > 13 && b < 32 && b !== 27)) control++;
  }
  return n > 0 && control / n > 0.1;
}

export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}


/** Resolve a path's real location (undefined for a loop or a broken link). */
export function realPath(path: string): string | undefined {
  try {
    return realpathSync(path);
  } catch {
    return undefined;
  }
}
