import type { DatabaseHandle } from '../../db/client';
import { isEmpty, seedDemo } from '../../db/seed';
import { env } from '../utils/env.server';
import { log } from '../utils/log.server';

/** Demo mode's first start: fill an empty database with the demo region. Never runs in production. */
export async function seedIfEmpty(handle: DatabaseHandle) {
  const e = env();
  if (!e.isDemo) return;
  if (!(await isEmpty(handle.db))) return;
  const started = Date.now();
  const result = await seedDemo(handle, { scale: e.SEED_SCALE });
  log.info('demo.seeded', { ...result, ms: Date.now() - started });
}
