// Run after `remix build` (package.json "build"): writes a .br and a .gz beside every text file under
// public/build, so the server sends them as they are and never compresses a static file per request
// (issue 13; docs/decisions/016-rendering-and-compression.md). The files are content-hashed and
// immutable, so the highest (slowest) settings cost only build time.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const root = path.resolve(process.argv[2] ?? 'public/build');
const compressible = /\.(js|mjs|css|map|json|svg|txt|html)$/;
let files = 0;
let before = 0;
let after = 0;

function walk(dir) {
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) walk(p);
    else if (compressible.test(name)) {
      const body = readFileSync(p);
      const br = brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } });
      writeFileSync(`${p}.br`, br);
      writeFileSync(`${p}.gz`, gzipSync(body, { level: 9 }));
      files += 1;
      before += body.length;
      after += br.length;
    }
  }
}

walk(root);
console.log(`precompressed ${files} files under ${path.relative(process.cwd(), root)}: ${(before / 1024).toFixed(0)} kB, ${(after / 1024).toFixed(0)} kB as brotli`);
