import { Transform } from 'node:stream';

/**
 * React 18's streaming renderer can write a chunk padded with NUL bytes when a multi-byte character
 * (Arabic, Tigrinya, emoji) does not fit at the end of its 2 KB buffer (facebook/react#24985, fixed in
 * #26228, not released for 18). A NUL never belongs in HTML, and it cannot occur inside a UTF-8
 * multi-byte sequence, so dropping every 0x00 byte is safe.
 */
export function stripNulBytes() {
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      if (chunk.indexOf(0) === -1) return callback(null, chunk);
      const out = Buffer.allocUnsafe(chunk.length);
      let n = 0;
      for (const byte of chunk) if (byte !== 0) out[n++] = byte;
      callback(null, out.subarray(0, n));
    },
  });
}
