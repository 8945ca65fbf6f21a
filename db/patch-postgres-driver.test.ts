import { execFile } from 'node:child_process';
import net from 'node:net';
import { promisify } from 'node:util';
import postgres from 'postgres';

// The driver patch (docs/decisions/012-surviving-database-restarts.md). The restarts themselves are
// tested against a real PostgreSQL in tests/integration/db-restart.test.ts.

test('the installed postgres.js carries the patch for database restarts', async () => {
  await expect(promisify(execFile)(process.execPath, ['db/patch-postgres-driver.mjs', '--check'])).resolves.toBeDefined();
});

test('a connection reset during the driver’s own type query fails the waiting query and nothing else', async () => {
  // Just enough of PostgreSQL: authentication ok and ready, then a reset on the first query, which
  // is the array-type lookup every new connection makes. Unpatched, that was an unhandled rejection.
  const server = net.createServer((socket) => {
    let started = false;
    socket.on('error', () => {});
    socket.on('data', () => {
      if (started) return void socket.resetAndDestroy();
      started = true;
      socket.write(Buffer.from([0x52, 0, 0, 0, 8, 0, 0, 0, 0, 0x5a, 0, 0, 0, 5, 0x49]));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  process.on('unhandledRejection', onUnhandled);
  const sql = postgres({ host: '127.0.0.1', port: (server.address() as net.AddressInfo).port, user: 'x', database: 'x', max: 1, onnotice: () => {} });
  try {
    await expect(sql`select 1`).rejects.toMatchObject({ code: 'ECONNRESET' });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(unhandled).toEqual([]);
  } finally {
    process.off('unhandledRejection', onUnhandled);
    await sql.end({ timeout: 0 });
    server.close();
  }
});
