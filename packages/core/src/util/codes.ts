/**
 * The string of UTF-16 code units `codes[0..length)`, lone surrogates kept (a decoder would replace them).
 * `String.fromCharCode.apply` over 8 KiB chunks: spreading a typed array into the call goes through its iterator
 * and was 7x slower (24 ms against 3 ms per million units).
 */
export function stringFromCodes(codes: Uint16Array, length: number): string {
  let out = '';
  for (let q = 0; q < length; q += CHUNK) out += String.fromCharCode.apply(null, codes.subarray(q, Math.min(length, q + CHUNK)) as unknown as number[]);
  return out;
}

const CHUNK = 8192;
