import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { NextFunction, Request, Response } from 'express';

/**
 * Serves the .br or .gz that the build wrote beside a file under /build (app/build-steps/precompress.mjs)
 * when the browser accepts it; express.static then sends that file as it is. A file without one is sent
 * uncompressed: nothing under /build is compressed per request (issue 13). The list of files is read
 * once at start, as the folder only changes with a new build (and a new process).
 */
export function precompressed(root: string) {
  const available = new Set<string>();
  const walk = (dir: string) => {
    let names: string[] = [];
    try {
      names = readdirSync(dir);
    } catch {
      return;
    }
    for (const name of names) {
      const p = path.join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else available.add('/' + path.relative(root, p).split(path.sep).join('/'));
    }
  };
  walk(root);

  return (req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    res.vary('Accept-Encoding');
    // Brotli whenever it is accepted at all (browsers list it last, at the same weight as gzip).
    const encoding = req.acceptsEncodings('br') === 'br' ? 'br' : req.acceptsEncodings('gzip') === 'gzip' ? 'gzip' : null;
    const suffix = encoding === 'br' ? '.br' : encoding === 'gzip' ? '.gz' : null;
    // req.path is the path below the mount point, still percent-encoded; the files have plain names.
    if (!suffix || !available.has(req.path + suffix)) return next();
    res.type(path.extname(req.path));
    res.setHeader('Content-Encoding', encoding as string);
    req.url = req.url.replace(req.path, req.path + suffix);
    next();
  };
}
