import { and, asc, eq, inArray, lte, or, sql } from 'drizzle-orm';
import { outbox, type NewOutboxMessage, type OutboxMessage } from '../../../db/schema/user';
import { decrypt, encrypt } from '../../utils/crypto.server';
import { db } from '../../utils/db.server';
import { publicUrl } from '../../utils/env.server';
import { errorFields, log } from '../../utils/log.server';
import { renderMessage, type Template } from './templates.server';
import { sender } from './transport.server';
import { inTransaction, type Executor } from '../../utils/transaction.server';

export const MAX_ATTEMPTS = 6;
/**
 * How long a claimed message is this worker's. A batch is sent within a second or two through the
 * pooled transport, so a worker that dies mid-batch delays its messages by this much, not minutes.
 */
export const LEASE_MS = 30 * 1000;
/** Messages claimed at once, and how many of them go to the transport together (its pool). */
export const BATCH = 50;
const PARALLEL = 10;

/**
 * Queues a message. Params hold opaque tokens and public names only (an activity, a club), never a
 * child's data; the recipient address is encrypted and removed once sent.
 */
export async function enqueue(
  message: { channel?: 'email' | 'sms'; to: string; template: Template; language: string; params?: Record<string, string> },
  tx: Executor = db(),
) {
  const row: NewOutboxMessage = {
    channel: message.channel ?? 'email',
    recipient: encrypt(message.to),
    template: message.template,
    language: message.language,
    // Params can hold a link token; like the address they are encrypted, and both are cleared once sent.
    params: { enc: encrypt(JSON.stringify(message.params ?? {})) },
    // Set here, in the same clock (and millisecond precision) the worker compares with; the database's
    // default would be microseconds later than the worker's `new Date()` and skip a fresh message.
    nextAttemptAt: new Date(),
  };
  await tx.insert(outbox).values(row);
}

/** Backoff after a failed attempt: 1, 2, 4, 8, 16 minutes. */
export const backoffMs = (attempts: number) => 60_000 * 2 ** Math.max(0, attempts - 1);

/**
 * Sends what is due. Each worker claims its rows with FOR UPDATE SKIP LOCKED and a lease, so several
 * workers (one per app server) never send the same message twice.
 */
export async function processOutbox(options: { limit?: number; now?: Date } = {}) {
  const now = options.now ?? new Date();
  const claimed = await inTransaction(undefined, async (tx) => {
    const due = await tx
      .select({ id: outbox.id })
      .from(outbox)
      .where(
        and(
          or(eq(outbox.status, 'pending'), eq(outbox.status, 'sending')),
          lte(outbox.nextAttemptAt, now),
        ),
      )
      .orderBy(asc(outbox.id))
      .limit(options.limit ?? 20)
      .for('update', { skipLocked: true });
    if (!due.length) return [];
    return tx
      .update(outbox)
      .set({ status: 'sending', nextAttemptAt: new Date(now.getTime() + LEASE_MS), attempts: sql`${outbox.attempts} + 1` })
      .where(inArray(outbox.id, due.map((d) => d.id)))
      .returning();
  });
  let sent = 0;
  // Sent in parallel lanes (the SMTP pool has several connections); each message's outcome is written alone.
  const queue = [...claimed];
  const lane = async () => {
    for (let message = queue.shift(); message; message = queue.shift()) if (await deliver(message)) sent++;
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL, queue.length) }, lane));
  return { claimed: claimed.length, sent };
}

async function deliver(message: OutboxMessage) {
  try {
    const rendered = await renderMessage(message.template as Template, message.language, JSON.parse(decrypt(message.params.enc)));
    // The same id on every attempt: a resent message is recognisable as the one before (by the mail
    // server and the recipient's client), so a retry after a lost answer is not a second receipt.
    await sender().send({ channel: message.channel, to: decrypt(message.recipient), messageId: messageIdFor(message.id), ...rendered });
    await db().update(outbox).set({ status: 'sent', sentAt: new Date(), recipient: '', params: {}, lastError: null }).where(eq(outbox.id, message.id));
    return true;
  } catch (error) {
    const failed = message.attempts >= MAX_ATTEMPTS;
    await db()
      .update(outbox)
      .set({
        status: failed ? 'failed' : 'pending',
        nextAttemptAt: new Date(Date.now() + backoffMs(message.attempts)),
        // A mail server's error can quote the address: keep the reason, not the address or number.
        lastError: (error as Error).message.replace(/\S+@\S+/g, '[address]').replace(/\+?\d[\d\s-]{6,}\d/g, '[number]').slice(0, 300),
        // Given up: the address and the link are of no further use, so they go now.
        ...(failed ? { recipient: '', params: {} } : {}),
      })
      .where(eq(outbox.id, message.id));
    // A transport's message can quote the recipient: its class and code are enough to act on.
    log.warn('outbox.send_failed', { id: message.id, attempts: message.attempts, failed, ...errorFields(error, { message: false }) });
    return false;
  }
}

/** The Message-ID of an outbox row: stable across attempts, opaque (an id, the portal's host). */
export function messageIdFor(id: number) {
  return `<outbox-${id}@${new URL(publicUrl()).hostname}>`;
}

/**
 * Sends until nothing is due, batch after batch, instead of one batch per tick: a rush of sign-ups is
 * sent at the transport's pace. Several servers run it at once safely (SKIP LOCKED and leases).
 */
export async function drainOutbox(options: { now?: () => Date; maxBatches?: number } = {}) {
  let claimed = 0;
  let sent = 0;
  for (let i = 0; i < (options.maxBatches ?? 1000); i++) {
    const r = await processOutbox({ limit: BATCH, now: options.now?.() });
    claimed += r.claimed;
    sent += r.sent;
    if (r.claimed < BATCH) break;
  }
  return { claimed, sent };
}
