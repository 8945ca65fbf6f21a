import { desc, eq } from 'drizzle-orm';
import { devMailbox, user } from '../../../db/schema/user';
import { decrypt } from '../../utils/crypto.server';
import { db } from '../../utils/db.server';
import { env } from '../../utils/env.server';
import { totpFor } from '../auth/accounts.server';

// Guardian phone numbers and live consent links: a second lock behind the routes' own check.
function demoOnly() {
  if (!env().isDemo) throw new Error('the dev mailbox exists in demo mode only');
}

export async function devMailboxMessages(limit = 50) {
  demoOnly();
  const rows = await db().select().from(devMailbox).orderBy(desc(devMailbox.id)).limit(limit);
  return rows.map((r) => ({ ...r, at: r.at.toISOString() }));
}

/** The current TOTP code of each demo user with a second factor, so the demo can be tried without a phone. */
export async function demoCodes() {
  demoOnly();
  const rows = await db().select({ email: user.email, secret: user.totpSecret }).from(user).where(eq(user.isDemo, true));
  return rows.filter((r) => r.secret).map((r) => ({ email: r.email, code: totpFor(decrypt(r.secret!), r.email).generate() }));
}
