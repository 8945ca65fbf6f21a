// A stand-in for data.brreg.no: serves the recorded answers in tests/fixtures/brreg at the register's
// real paths. `mode` 'hang' holds requests open (the lookup's timeout), 'refuse' drops the connection,
// `stop()` closes it (refused).
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('../fixtures/brreg/', import.meta.url));
type Recorded = Record<string, { status: number; body: unknown }>;
type FeedRow = { oppdateringsid: number; dato: string; organisasjonsnummer: string; endringstype: string };

export async function startBrregServer(port = 0) {
  const units: Recorded = JSON.parse(readFileSync(`${dir}enheter.json`, 'utf8'));
  const feed: FeedRow[] = JSON.parse(readFileSync(`${dir}oppdateringer.json`, 'utf8'));
  const state = { mode: 'up' as 'up' | 'hang' | 'refuse', requests: [] as string[] };
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    state.requests.push(url.pathname + url.search);
    // The browser tests run this inside the portal's test server: they switch it with a request.
    const control = /^\/__test\/mode\/(up|hang|refuse)$/.exec(url.pathname);
    if (control) {
      state.mode = control[1] as typeof state.mode;
      res.writeHead(204);
      return res.end();
    }
    if (state.mode === 'hang') return; // never answers
    if (state.mode === 'refuse') return req.socket.destroy();
    const send = (status: number, body: unknown, type = 'application/json') => {
      res.writeHead(status, { 'content-type': type });
      res.end(JSON.stringify(body));
    };
    const unit = /^\/enhetsregisteret\/api\/enheter\/(\d{9})$/.exec(url.pathname);
    if (unit) {
      const r = units[unit[1]];
      if (!r) return send(404, { status: 404, error: 'Not Found', path: url.pathname });
      return send(r.status, r.body, r.status === 200 ? 'application/json' : 'application/json');
    }
    if (url.pathname === '/enhetsregisteret/api/oppdateringer/enheter') {
      const fromId = Number(url.searchParams.get('oppdateringsid') ?? 0);
      const fromDate = url.searchParams.get('dato');
      const size = Number(url.searchParams.get('size') ?? 20);
      const page = Number(url.searchParams.get('page') ?? 0);
      const rows = feed.filter((r) => r.oppdateringsid >= fromId && (!fromDate || r.dato >= fromDate));
      const slice = rows.slice(page * size, page * size + size);
      const self = `${url.pathname}${url.search}`;
      return send(200, {
        ...(slice.length ? { _embedded: { oppdaterteEnheter: slice } } : {}),
        _links: { self: { href: self } },
        page: { size, totalElements: rows.length, totalPages: Math.ceil(rows.length / size), number: page },
      }, 'application/hal+json');
    }
    send(404, { status: 404, error: 'Not Found' });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    state,
    feed,
    stop: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
