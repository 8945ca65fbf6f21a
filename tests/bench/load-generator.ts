// The bench's load generator, in its own process so that its CPU is not the server's (issue 13).
// Reads one target from the JSON file named on the command line, runs autocannon against it and prints
// one JSON line: requests, req/s, latency percentiles, errors.
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';

interface Target {
  url: string;
  connections: number;
  seconds: number;
  paths: string[];
  /** A filter the page applies, new for every request (maks_pris=<kroner>), so no two searches are the same. */
  vary: 'none' | 'price';
  headers: Record<string, string>;
}

const target = JSON.parse(readFileSync(process.argv[2], 'utf8')) as Target;
let n = 0;
let next = 0;
// Every request takes the next path in turn (an activity page is a different activity each time), and
// with `price` a new upper price: a real filter, high enough that it keeps almost every match.
const result = await autocannon({
  url: target.url,
  connections: target.connections,
  duration: target.seconds,
  headers: target.headers,
  requests: [
    {
      method: 'GET',
      setupRequest: (req: autocannon.Request) => {
        const path = target.paths[next++ % target.paths.length];
        const varied = target.vary === 'price' ? `${path}${path.includes('?') ? '&' : '?'}maks_pris=${20_000 + n++}` : path;
        return { ...req, path: encodeURI(varied) };
      },
    },
  ],
});
const l = result.latency as unknown as Record<string, number>;
console.log(
  JSON.stringify({
    requests: result.requests.total,
    seconds: result.duration,
    rps: result.requests.average,
    p50_ms: l.p50,
    // autocannon reports p90 and p97.5; p95 is interpolated between them.
    p95_ms: Math.round((l.p90 + (l.p97_5 - l.p90) * (5 / 7.5)) * 10) / 10,
    p99_ms: l.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  }),
);
