import { database } from '../utils/db.server';

export async function databaseReady(timeoutMs = 2000) {
  try {
    const check = database().query('select 1 as ok');
    const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), timeoutMs).unref());
    const rows = await Promise.race([check, timeout]);
    return rows.length === 1;
  } catch {
    return false;
  }
}
