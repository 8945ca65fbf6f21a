import express from 'express';
import { errorFields, logRequestErrors } from './log.server';

const leaks = (fields: object, ...values: string[]) => values.filter((v) => JSON.stringify(fields).includes(v));

test('a driver error inside our own keeps only its class, code, constraint and table, also from PGlite', () => {
  // Shaped like PGlite's DatabaseError (its `name` is "error"), wrapped by an error of ours.
  class DatabaseError extends Error {
    code = '23505';
    detail = 'Key (email)=(kari@example.no) already exists.';
    constraint = 'user_email_unique';
    table = 'user';
  }
  const inner = new DatabaseError('duplicate key value violates unique constraint "user_email_unique"');
  const outer = new Error('registering Kari Nordmann failed', { cause: inner });
  const fields = errorFields(outer);
  expect(fields).toMatchObject({ error: 'Error', cause: 'DatabaseError', code: '23505', constraint: 'user_email_unique', table: 'user' });
  expect(fields.message).toBeUndefined();
  expect(leaks(fields, 'kari@example.no', 'Kari Nordmann', 'already exists')).toEqual([]);
});

test('a stack never carries the message, even one that spans lines that look like frames', () => {
  const error = Object.assign(new Error('Failed query: select 1\nparams: x\n    at kari@example.no'), { query: 'select 1', params: ['kari@example.no'] });
  const fields = errorFields(error);
  expect(fields.stack).toMatch(/^at /);
  expect(leaks(fields, 'kari@example.no', 'Failed query', 'params')).toEqual([]);
});

test('an error that is not from the database keeps a message without addresses, numbers or tokens', () => {
  const fields = errorFields(new TypeError('cannot mail kari@example.no at +47 412 34 567 with AbCdEfGhIjKlMnOpQrStUv12'));
  expect(fields).toMatchObject({ error: 'TypeError', message: 'cannot mail [address] at [number] with [token]' });
  expect(errorFields(new SyntaxError('Unexpected token \'o\', "not json, Kari" is not valid JSON')).message).not.toContain('Kari');
});

test('what Remix hands over for a thrown response keeps its status; anything else thrown gives its type only', () => {
  expect(errorFields({ status: 503, statusText: 'Service Unavailable', data: 'Kari' })).toEqual({ error: 'Object', status: 503 });
  expect(errorFields({ status: 500, error: new RangeError('out of range') })).toMatchObject({ error: 'RangeError', status: 500, message: 'out of range' });
  expect(errorFields('kari@example.no')).toEqual({ error: 'string' });
});

test('an error that reaches Express is logged through the same fields, not by Express printing its stack', async () => {
  const app = express();
  app.get('/', (_req, _res, next) => next(Object.assign(new Error('Failed query: insert\nparams: kari@example.no'), { code: '23505', parameters: ['kari@example.no'] })));
  app.use(logRequestErrors);
  const server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const lines: string[] = [];
  process.env.LOG_LEVEL = 'info';
  const spy = vi.spyOn(console, 'error').mockImplementation((...a) => void lines.push(a.map(String).join(' ')));
  try {
    const res = await fetch(`http://127.0.0.1:${(server.address() as { port: number }).port}/`);
    expect(res.status).toBe(500);
    expect(await res.text()).not.toContain('kari');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0])).toMatchObject({ event: 'request.failed', method: 'GET', code: '23505' });
    expect(lines[0]).not.toContain('kari');
  } finally {
    spy.mockRestore();
    process.env.LOG_LEVEL = 'silent';
    server.close();
  }
});
