import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import express from 'express';
import compression from 'compression';
import { microCache, publicPageHeaders } from '../../app/utils/micro-cache.server';

// The micro-cache in front of the pages (app/server.ts), on a small Express app built the same way:
// a fresh nonce per response, compression, then the cache, then a handler that counts its renders.
let base = '';
let renders = 0;
let close: () => void;
const cache = microCache();

beforeAll(async () => {
  const app = express();
  app.use((_req, res, next) => {
    res.locals.cspNonce = randomBytes(16).toString('base64');
    res.setHeader('Content-Security-Policy', `script-src 'nonce-${res.locals.cspNonce}'`);
    next();
  });
  app.use(compression());
  app.use(cache);
  app.all('*', async (req, res) => {
    renders++;
    if (req.path === '/slow') await new Promise((r) => setTimeout(r, 100));
    if (req.path === '/private') return res.send(`private ${renders}`);
    if (req.path === '/missing') return res.set(publicPageHeaders()).status(404).send('not found');
    if (req.method === 'POST') return res.status(req.path === '/fails' ? 400 : 200).send('saved');
    if (req.query.lng) res.append('Set-Cookie', `lng=${req.query.lng}`);
    res.set(publicPageHeaders());
    // Big enough for compression, with a multi-byte text and the nonce twice.
    res.send(`<script nonce="${res.locals.cspNonce}"></script><p>${'مرحبا ፍሉይ '.repeat(200)} ${renders}</p><script nonce="${res.locals.cspNonce}"></script>`);
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  close = () => server.close();
});
afterAll(() => close());
beforeEach(() => cache.clear());

const get = (path: string, headers: Record<string, string> = {}) => fetch(`${base}${path}`, { headers });
const nonceOf = (res: Response) => /'nonce-([^']+)'/.exec(res.headers.get('content-security-policy') ?? '')![1];

test('a second anonymous visit is served from memory with its own nonce, byte for byte the same page otherwise', async () => {
  const before = renders;
  const a = await get('/aktiviteter?q=x');
  const b = await get('/aktiviteter?q=x', { 'Accept-Encoding': 'gzip' });
  expect([a.headers.get('x-cache'), b.headers.get('x-cache')]).toEqual(['miss', 'hit']);
  expect(renders - before).toBe(1);
  expect(b.headers.get('x-micro-cache')).toBeNull();
  const [ta, tb] = [await a.text(), await b.text()];
  expect(tb).toContain(`nonce="${nonceOf(b)}"`);
  expect(tb).not.toContain(nonceOf(a));
  expect(tb.replaceAll(nonceOf(b), 'N')).toBe(ta.replaceAll(nonceOf(a), 'N'));
});

test('the language is part of the key, and the language cookie is set again on a hit that asks for it', async () => {
  await get('/p', { 'Accept-Language': 'ar' });
  expect((await get('/p', { 'Accept-Language': 'so' })).headers.get('x-cache')).toBe('miss');
  expect((await get('/p', { 'Accept-Language': 'ar' })).headers.get('x-cache')).toBe('hit');
  await get('/p?lng=en');
  const hit = await get('/p?lng=en');
  expect(hit.headers.get('x-cache')).toBe('hit');
  expect(hit.headers.get('set-cookie')).toMatch(/^lng=/);
  // A plain hit sets no cookie.
  expect((await get('/p', { 'Accept-Language': 'ar' })).headers.get('set-cookie')).toBeNull();
});

test('a signed-in visitor is never served from the cache, nor stored', async () => {
  await get('/q');
  const signedIn = await get('/q', { Cookie: '__Host-fp_session=abc' });
  expect(signedIn.headers.get('x-cache')).toBeNull();
  expect(cache.size()).toBe(1);
  expect((await get('/private', { Cookie: 'fp_session=abc' })).headers.get('x-cache')).toBeNull();
  expect(cache.size()).toBe(1);
});

test('pages a route did not mark, and anything but a 200, are not kept', async () => {
  await get('/private');
  await get('/missing');
  expect(cache.size()).toBe(0);
});

test('a successful write by a signed-in user empties the cache; a refused one, or an anonymous one, does not', async () => {
  await get('/r');
  const signedIn = { Cookie: 'fp_session=abc' };
  await fetch(`${base}/fails`, { method: 'POST', headers: signedIn });
  await fetch(`${base}/saves`, { method: 'POST' });
  expect(cache.size()).toBe(1);
  await fetch(`${base}/saves`, { method: 'POST', headers: signedIn });
  expect(cache.size()).toBe(0);
  expect((await get('/r')).headers.get('x-cache')).toBe('miss');
});

test('a forged host gets its own entry and never reaches other visitors', async () => {
  const forged = await get('/h', { 'X-Forwarded-Host': 'evil.example' });
  expect(forged.headers.get('x-cache')).toBe('miss');
  expect((await get('/h')).headers.get('x-cache')).toBe('miss');
  expect((await get('/h', { 'X-Forwarded-Host': 'evil.example' })).headers.get('x-cache')).toBe('hit');
});

test('visitors asking at once for a page in a cacheable section wait for one render', async () => {
  await get('/slow?warm');
  const before = renders;
  const all = await Promise.all(Array.from({ length: 5 }, () => get('/slow?same')));
  expect(renders - before).toBe(1);
  expect(all.map((r) => r.headers.get('x-cache')).sort()).toEqual(['hit', 'hit', 'hit', 'hit', 'miss']);
});
