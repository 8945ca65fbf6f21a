import nodemailer, { type Transporter } from 'nodemailer';
import { devMailbox } from '../../../db/schema/user';
import { db } from '../../utils/db.server';
import { env } from '../../utils/env.server';

export interface OutgoingMessage {
  channel: 'email' | 'sms';
  to: string;
  subject: string;
  text: string;
  /** The same on every attempt of one message, so a resend is recognisable. */
  messageId?: string;
}

export interface Sender {
  send(message: OutgoingMessage): Promise<void>;
}

/** SMS goes through a provider behind this interface; none is configured yet, so SMS uses the dev mailbox. */
let transporter: Transporter | undefined;
let transporterUrl: string | undefined;

function smtp(url: string): Sender {
  if (!transporter || transporterUrl !== url) {
    // Pooled: a few kept-open connections reused for many messages, instead of a handshake per message.
    // (nodemailer reads these from the URL's query; the operator's own settings there win).
    const pooled = new URL(url);
    for (const [k, v] of Object.entries({ pool: 'true', maxConnections: '5', maxMessages: '500' })) if (!pooled.searchParams.has(k)) pooled.searchParams.set(k, v);
    transporter = nodemailer.createTransport(pooled.toString());
    transporterUrl = url;
  }
  const t = transporter;
  return {
    async send(m) {
      await t.sendMail({ from: env().MAIL_FROM, to: m.to, subject: m.subject, text: m.text, messageId: m.messageId });
    },
  };
}

/** Demo mode without SMTP: keep the message where /dev/epost can show it. */
const devSender: Sender = {
  async send(m) {
    // In production nothing may silently land in a table instead of reaching a person: fail, so the
    // outbox retries and finally marks the message failed, and the reason says what is missing.
    if (env().isProduction) throw new Error(m.channel === 'sms' ? 'no SMS provider configured' : 'no SMTP_URL configured');
    await db().insert(devMailbox).values({ channel: m.channel, recipient: m.to, subject: m.subject, body: m.text });
  },
};

export function sender(): Sender {
  const url = env().SMTP_URL;
  return {
    send: (m) => (m.channel === 'email' && url ? smtp(url).send(m) : devSender.send(m)),
  };
}

/**
 * How to reach a guardian: by SMS when there is a number and SMS can be delivered, else by e-mail.
 * In production no SMS provider is wired yet, so an e-mail address given too is used instead of an
 * SMS that would only fail.
 */
export function guardianChannel(phone: string | null | undefined, email: string | null | undefined): { channel: 'sms' | 'email'; to: string } | null {
  const smsWorks = !env().isProduction;
  if (phone && (smsWorks || !email)) return { channel: 'sms', to: phone };
  if (email) return { channel: 'email', to: email };
  return null;
}
