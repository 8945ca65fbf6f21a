#!/usr/bin/env node
// Patches postgres.js 3.4.9 in node_modules so that a PostgreSQL restart cannot end the process
// (porsager/postgres #1154, #1208; the fixes are unreleased pull requests, e.g. #1168, #1209).
// Run by `npm ci` / `npm install` as the root package's `postinstall`; safe to run again.
// Why, and how to drop it once upstream releases a fix: docs/decisions/012-surviving-database-restarts.md
//
//   node db/patch-postgres-driver.mjs          apply (idempotent); exits 1 if the driver no longer matches
//   node db/patch-postgres-driver.mjs --check  exit 1 unless every change is in place
//
// Each change is an exact piece of the original text and its replacement, marked with MARK so that a
// second run recognises it. Anything else (another version, a piece that is missing or appears twice)
// stops the install with a message: a patch that silently stops applying is worse than none.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const PATCHED_VERSION = '3.4.9';
const MARK = '[fritidsportal patch, docs/decisions/012]';
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const pkgDir = path.join(root, 'node_modules', 'postgres');
// Node loads src/ (ESM, "exports".import: the server build, vitest) and cjs/src/ (require: drizzle-kit).
// cf/src/ is only for Cloudflare Workers and is left alone.
const variants = ['src', 'cjs/src'];

/** @type {{ file: string; name: string; find: string; replace: string }[]} */
const changes = [
  {
    file: 'connection.js',
    name: 'execute() refuses a query while the connection has no socket',
    // A transaction (sql.begin, drizzle's db.transaction) keeps sending to its own connection after
    // that connection closed: at least its automatic ROLLBACK. The bytes were buffered and flushed on
    // the next tick into `socket`, which closed() had set to null: an uncatchable TypeError. Reject the
    // query instead, like `terminated` does. `true` keeps the caller from moving a closed connection
    // into the pool's "full" queue, where it would never be used or reconnected again.
    find: `  function execute(q) {
    if (terminated)
      return queryError(q, Errors.connection('CONNECTION_DESTROYED', options))
`,
    replace: `  function execute(q) {
    if (terminated)
      return queryError(q, Errors.connection('CONNECTION_DESTROYED', options))

    // ${MARK} closed and not yet reconnected: settle the query now instead of
    // buffering bytes that nextWrite() would flush into a null socket.
    if (socket === null) {
      queryError(q, Errors.connection('CONNECTION_CLOSED', options))
      return true
    }
`,
  },
  {
    file: 'connection.js',
    name: 'nextWrite() never dereferences a null socket',
    // The crash site (connection.js:255). With the change above nothing should reach it without a
    // socket; should anything still do, whatever waits on this connection fails with CONNECTION_CLOSED
    // (catchable, mapped to 503) instead of the process dying or the query hanging.
    find: `  function nextWrite(fn) {
    const x = socket.write(chunk, fn)
`,
    replace: `  function nextWrite(fn) {
    // ${MARK} the connection closed after this write was buffered.
    if (socket === null) {
      chunk = nextWriteTimer = null
      error(Errors.connection('CONNECTION_CLOSED', options))
      return true
    }
    const x = socket.write(chunk, fn)
`,
  },
  {
    file: 'connection.js',
    name: 'terminate() forgets buffered bytes and the flush timer',
    // write() only schedules a flush while nextWriteTimer is null, and only nextWrite() reset it: a
    // connection torn down with bytes buffered kept a dead timer handle and those bytes, so its next
    // socket got them in front of its startup message, or never flushed at all.
    find: `    clearImmediate(nextWriteTimer)
    if (socket) {
`,
    replace: `    clearImmediate(nextWriteTimer)
    chunk = nextWriteTimer = null // ${MARK}
    if (socket) {
`,
  },
  {
    file: 'connection.js',
    name: 'closed() forgets buffered bytes and the flush timer',
    find: `    clearImmediate(nextWriteTimer)
    socket.removeListener('data', data)
`,
    replace: `    clearImmediate(nextWriteTimer)
    chunk = nextWriteTimer = null // ${MARK}
    socket.removeListener('data', data)
`,
  },
  {
    file: 'connection.js',
    name: 'closed() forgets the dead query and its error',
    // A fast shutdown sends FATAL 57P01 while a query runs, then closes: errorResponse and query stayed
    // set, and the first ReadyForQuery of the next socket failed the reconnecting query with that old
    // error (43 of 171 failed queries in 8 restarts were such late failures). A query that was running
    // has been rejected just above; one still connecting (the driver's own type query) is dropped and
    // the connection tries again from the start.
    find: `    if (initial)
      return reconnect()

    !hadError && (query || sent.length) && error(Errors.connection('CONNECTION_CLOSED', options, socket))
    closedTime = performance.now()
`,
    replace: `    if (initial) {
      query = results = errorResponse = null // ${MARK}
      result = new Result()
      return reconnect()
    }

    !hadError && (query || sent.length) && error(Errors.connection('CONNECTION_CLOSED', options, socket))
    query = results = errorResponse = null // ${MARK}
    result = new Result()
    closedTime = performance.now()
`,
  },
  {
    file: 'connection.js',
    name: 'the type query after each connect cannot end the process',
    // Every new connection first asks for the array types, from an async function whose promise nobody
    // handled: a connection closed during that query was an unhandled rejection, which ends a Node
    // process ("Error: write CONNECTION_CLOSED" from closed(), seen in 1 of 3 unpatched test runs). The
    // error has reached the waiting query through errored() already.
    find: `        initial.reserve && (initial = null)
        return fetchArrayTypes()
`,
    replace: `        initial.reserve && (initial = null)
        return fetchArrayTypes().catch(noop) // ${MARK}
`,
  },
  {
    file: 'connection.js',
    name: 'the target_session_attrs query cannot end the process',
    // The same for the query that checks a server's role when DATABASE_URL names target_session_attrs.
    find: `    query.execute()
  }
`,
    replace: `    query.execute()
    query.catch(noop) // ${MARK}
  }
`,
  },
  {
    file: 'index.js',
    name: 'begin(): a transaction whose connection closed takes no more statements',
    // Statements queued in the transaction were never sent nor settled (a request waiting for ever),
    // and a statement the callback sent after the pool had reconnected that connection would have run
    // outside any transaction. Both now fail with the close error.
    find: `      , connection
      , prepare = null

    try {
      await sql.unsafe('begin ' + options.replace(/[^a-z ]/ig, ''), [], { onexecute }).execute()
      return await Promise.race([
        scope(connection, fn),
        new Promise((_, reject) => connection.onclose = reject)
      ])
`,
    replace: `      , connection
      , prepare = null
      , closedError = null // ${MARK}

    try {
      await sql.unsafe('begin ' + options.replace(/[^a-z ]/ig, ''), [], { onexecute }).execute()
      return await Promise.race([
        scope(connection, fn),
        new Promise((_, reject) => connection.onclose = error => {
          closedError = error
          while (queries.length)
            queries.shift().reject(error)
          reject(error)
        })
      ])
`,
  },
  {
    file: 'index.js',
    name: 'begin(): statements after the close are refused',
    find: `      function handler(q) {
        q.catch(e => uncaughtError || (uncaughtError = e))
        c.queue === full
`,
    replace: `      function handler(q) {
        q.catch(e => uncaughtError || (uncaughtError = e))
        if (closedError) // ${MARK}
          return q.reject(closedError)
        c.queue === full
`,
  },
];

const check = process.argv.includes('--check');
const fail = (message) => {
  console.error(`db/patch-postgres-driver.mjs: ${message}
  See docs/decisions/012-surviving-database-restarts.md ("Removing the patch"): if the installed
  postgres release fixes porsager/postgres#1154 and #1208, delete this script and its postinstall;
  otherwise port the changes to the new version and update PATCHED_VERSION.`);
  process.exit(1);
};

let version;
try {
  version = JSON.parse(readFileSync(path.join(pkgDir, 'package.json'), 'utf8')).version;
} catch {
  fail(`${pkgDir} is missing: run from the project with its dependencies installed`);
}
if (version !== PATCHED_VERSION) fail(`postgres ${version} is installed; the patch is written for ${PATCHED_VERSION}.`);

const count = (text, piece) => text.split(piece).length - 1;
let applied = 0;
for (const variant of variants) {
  for (const file of new Set(changes.map((c) => c.file))) {
    const full = path.join(pkgDir, variant, file);
    const original = readFileSync(full, 'utf8');
    let text = original;
    for (const change of changes.filter((c) => c.file === file)) {
      if (count(text, change.replace) === 1) continue;
      if (check) fail(`${variant}/${file}: not patched: ${change.name}`);
      if (count(text, change.find) !== 1) fail(`${variant}/${file} no longer matches the change "${change.name}".`);
      text = text.replace(change.find, () => change.replace);
      applied++;
    }
    if (text !== original) writeFileSync(full, text);
  }
}
if (!check) console.log(applied ? `postgres ${version}: ${applied} changes applied (docs/decisions/012)` : `postgres ${version}: already patched`);
