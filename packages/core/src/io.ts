import { closeSync, fstatSync, openSync, readSync, statSync, lstatSync, realpathSync } from 'node:fs';

export interface ReadLimits {
  /** Largest file read, in bytes (default 10 MiB). */
  readonly maxFileSize?: number;
}

export const DEFAULT_MAX_FILE_SIZE = 10 * 1024 * 1024;

export type ReadOutcome = { ok: true; text: string; encoding: string } | { ok: false; reason: string };

/**
 * Read a file as text without following it anywhere it should not go: only regular files (no FIFOs or
 * devices), no symlink loops, nothing over the size limit, nothing binary. UTF-8 (with or without BOM)
 * and UTF-16 LE/BE with BOM are decoded; invalid UTF-8 sequences become U+FFFD, so positions stay right.
 */
export function readTextFile(path: string, limits: ReadLimits = {}): ReadOutcome {
  const max = limits.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  let st;
  try {
    st = statSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ELOOP') return { ok: false, reason: 'symbolic link loop' };
    if (code === 'ENOENT') {
      try {
        if (lstatSync(path).isSymbolicLink()) return { ok: false, reason: 'broken symbolic link' };
      } catch {
        /* vanished */
      }
      return { ok: false, reason: 'file not found (it may have been removed during the run)' };
    }
    if (code === 'EACCES' || code === 'EPERM') return { ok: false, reason: 'permission denied' };
    return { ok: false, reason: `cannot read (${code ?? (e as Error).message})` };
  }
  if (st.isDirectory()) return { ok: false, reason: 'is a directory' };
  if (!st.isFile()) return { ok: false, reason: 'not a regular file (FIFO, socket or device)' };
  if (st.size > max) return { ok: false, reason: `larger than the ${formatBytes(max)} limit (${formatBytes(st.size)})` };
  let buf: Buffer;
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const size = fstatSync(fd).size;
    if (size > max) return { ok: false, reason: `larger than the ${formatBytes(max)} limit (${formatBytes(size)})` };
    buf = Buffer.allocUnsafe(size);
    let off = 0;
    while (off < size) {
      const n = readSync(fd, buf, off, size - off, off);
      if (n === 0) break;
      off += n;
    }
    buf = buf.subarray(0, off);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { ok: false, reason: code === 'EACCES' ? 'permission denied' : `cannot read (${code ?? (e as Error).message})` };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
  return decodeText(buf);
}

/** Decode bytes to text (BOM removed), or say why they are not text. */
export function decodeText(buf: Buffer): ReadOutcome {
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) return { ok: true, text: new TextDecoder('utf-16le').decode(buf.subarray(2)), encoding: 'utf-16le' };
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) return { ok: true, text: new TextDecoder('utf-16be').decode(buf.subarray(2)), encoding: 'utf-16be' };
  const hasBom = buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf;
  const body = hasBom ? buf.subarray(3) : buf;
  if (looksBinary(body)) return { ok: false, reason: 'binary file' };
  return { ok: true, text: new TextDecoder('utf-8').decode(body), encoding: hasBom ? 'utf-8-bom' : 'utf-8' };
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

function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1)} MiB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${n} B`;
}

/** Resolve a path's real location (undefined for a loop or a broken link). */
export function realPath(path: string): string | undefined {
  try {
    return realpathSync(path);
  } catch {
    return undefined;
  }
}
