// The OpenActive validators, offline. @openactive/data-model-validator checks `activity` and
// `accessibilitySupport` against lists it fetches from openactive.io; it reads them from a file cache
// first, so the cache is seeded with the copies shipped in docs/standards/openactive/ (one file per
// URL, named by the URL's sha256, in the shape the validator writes itself).
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { validate } from '@openactive/data-model-validator';

const standards = path.resolve(import.meta.dirname, '../../docs/standards/openactive');
const lists = {
  'https://openactive.io/activity-list': 'activity-list.jsonld',
  'https://openactive.io/accessibility-support': 'accessibility-support.jsonld',
};

let cacheDir: string | undefined;

function seededCache() {
  if (cacheDir) return cacheDir;
  cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'openactive-cache-'));
  for (const [url, file] of Object.entries(lists)) {
    const data = JSON.parse(fs.readFileSync(path.join(standards, file), 'utf8'));
    const entry = { errorCode: 'error_none', data, statusCode: 200, url, contentType: 'application/ld+json', exception: null, fetchTime: Date.now() };
    fs.writeFileSync(path.join(cacheDir, `${createHash('sha256').update(url).digest('hex')}.json`), JSON.stringify(entry));
  }
  return cacheDir;
}

export type ValidatorResult = { severity: string; type: string; message: string; path: string };

/** The validator's failures for one item (warnings and notices are returned apart). */
export async function validateOpenActive(data: unknown) {
  const results = (await validate(data, { loadRemoteJson: true, remoteJsonCachePath: seededCache(), remoteJsonCacheTimeToLive: 10 * 365 * 24 * 3600 })) as ValidatorResult[];
  return {
    failures: results.filter((r) => r.severity === 'failure'),
    warnings: results.filter((r) => r.severity === 'warning'),
  };
}
