// Issue 13, part 2: pages rendered once as a string and compressed at a measured low setting; files
// under /build sent as the .br/.gz the build wrote (app/build-steps/precompress.mjs), never compressed
// per request. Against the built server (npm test builds with `npm run build`).
import { readdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { useTestDatabase } from '../setup/db';
import { startBuiltServer, type BuiltServer } from '../setup/built-server';

const t = useTestDatabase();
let server: BuiltServer;

beforeAll(async () => {
  server = await startBuiltServer({ DATABASE_URL: t.url! });
}, 60_000);
afterAll(() => server?.stop());

function get(p: string, acceptEncoding: string) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: server.port, path: p, headers: { Host: `localhost:${server.port}`, 'Accept-Encoding': acceptEncoding }, agent: false });
    req.on('error', reject);
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (d: Buffer) => chunks.push(d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.end();
  });
}

const assets = () => {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else found.push(p);
    }
  };
  walk('public/build');
  return found;
};

test('the build wrote a .br and a .gz beside every script and style sheet, each the same bytes when decompressed', () => {
  const text = assets().filter((f) => /\.(js|css)$/.test(f));
  expect(text.length).toBeGreaterThan(5);
  for (const f of text) {
    const original = readFileSync(f);
    expect(brotliDecompressSync(readFileSync(`${f}.br`)).equals(original), `${f}.br`).toBe(true);
    expect(gunzipSync(readFileSync(`${f}.gz`)).equals(original), `${f}.gz`).toBe(true);
  }
});

test('a file under /build is sent as its precompressed file, byte for byte, immutable, for br, gzip and neither', async () => {
  const file = assets().find((f) => f.endsWith('.js') && f.includes('entry.client'))!;
  const url = '/' + path.relative('public', file).split(path.sep).join('/');
  const original = readFileSync(file);
  const br = await get(url, 'gzip, deflate, br');
  expect(br.status).toBe(200);
  expect(br.headers).toMatchObject({ 'content-encoding': 'br', 'content-type': expect.stringMatching(/^application\/javascript/), 'cache-control': 'public, max-age=31536000, immutable' });
  expect(String(br.headers.vary)).toMatch(/Accept-Encoding/);
  // The very bytes the build wrote: not compressed again by this request.
  expect(br.body.equals(readFileSync(`${file}.br`))).toBe(true);
  const gz = await get(url, 'gzip');
  expect(gz.headers['content-encoding']).toBe('gzip');
  expect(gz.body.equals(readFileSync(`${file}.gz`))).toBe(true);
  const plain = await get(url, 'identity');
  expect(plain.headers['content-encoding']).toBeUndefined();
  expect(plain.body.equals(original)).toBe(true);
  expect(String(plain.headers.vary)).toMatch(/Accept-Encoding/);
  // A HEAD and a missing file behave as before.
  expect((await get('/build/missing-file.js', 'br')).status).toBe(404);
});

test('a page is one whole document with its doctype, compressed with brotli or gzip as the browser asks', async () => {
  const br = await get('/aktiviteter?q=fotball', 'gzip, deflate, br');
  expect(br.status).toBe(200);
  expect(br.headers['content-encoding']).toBe('br');
  const html = brotliDecompressSync(br.body).toString('utf8');
  expect(html.startsWith('<!DOCTYPE html><html lang="nb" dir="ltr">')).toBe(true);
  expect(html.match(/<!DOCTYPE html>/g)).toHaveLength(1);
  expect(html.trimEnd().endsWith('</html>')).toBe(true);
  const gz = await get('/?lng=ar', 'gzip');
  expect(gz.headers['content-encoding']).toBe('gzip');
  const arabic = gunzipSync(gz.body);
  expect(arabic.includes(0), 'no NUL bytes in a multi-byte script').toBe(false);
  expect(arabic.toString('utf8')).toContain('<html lang="ar" dir="rtl">');
});
