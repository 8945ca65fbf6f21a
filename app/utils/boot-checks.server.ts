import express from 'express';
import nodemailer from 'nodemailer';
import { checkEncryptionKeys } from './crypto.server';
import type { Env } from './env.server';

// Everything the environment hands us is tried once at boot, before the server listens (so before
// /readyz can say ready): a value that parses but does not work stops the process with a message that
// names the variable, instead of a server that answers 200 and fails every sign-up or never sends mail.
// (Values that do not even parse are refused earlier, by parseEnv in env.server.ts.)

export type BootCheckOptions = {
  /** Verify SMTP_URL by connecting (default: in production). */
  verifySmtp?: boolean;
  /** How long the mail server may take to answer. */
  smtpTimeoutMs?: number;
};

/** SMTP_URL without its user name and password, for messages. */
export function smtpHost(url: string) {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.hostname}${u.port ? `:${u.port}` : ''}`;
  } catch {
    return 'an unreadable URL';
  }
}

/** Connects to the mail server and logs in as SMTP_URL says, then hangs up. */
export async function verifySmtp(url: string, timeoutMs = 10_000) {
  // nodemailer reads its options from the URL's query; the operator's own settings there win.
  const bounded = new URL(url);
  for (const k of ['connectionTimeout', 'greetingTimeout', 'socketTimeout']) if (!bounded.searchParams.has(k)) bounded.searchParams.set(k, String(timeoutMs));
  const transporter = nodemailer.createTransport(bounded.toString());
  try {
    await transporter.verify();
  } catch (error) {
    const reason = (error as { code?: string }).code ?? (error as Error).message.split('\n')[0].slice(0, 120);
    throw new Error(`SMTP_URL: the mail server at ${smtpHost(url)} did not accept a connection and login (${reason})`);
  } finally {
    transporter.close();
  }
}

/** TRUST_PROXY as Express will take it; Express's own parser throws on an address it cannot read. */
export function checkTrustProxy(value: Env['TRUST_PROXY']) {
  try {
    express().set('trust proxy', value);
  } catch (error) {
    throw new Error(`TRUST_PROXY: ${(error as Error).message} (give false, a hop count, or proxy addresses / subnets separated by commas)`);
  }
}

/**
 * Runs every check and throws one error listing each failure, one line per variable. Call after
 * env() has parsed the environment and before the server listens or the worker starts.
 */
export async function runBootChecks(config: Env, options: BootCheckOptions = {}) {
  const problems: string[] = [];
  const tryIt = async (check: () => unknown) => {
    try {
      await check();
    } catch (error) {
      problems.push(`  ${(error as Error).message}`);
    }
  };
  await tryIt(() => checkEncryptionKeys());
  await tryIt(() => checkTrustProxy(config.TRUST_PROXY));
  if (config.isProduction && !config.SMTP_URL) problems.push('  SMTP_URL: required in production (without it no e-mail ever leaves the outbox)');
  if (config.SMTP_URL && (options.verifySmtp ?? config.isProduction)) await tryIt(() => verifySmtp(config.SMTP_URL!, options.smtpTimeoutMs));
  if (problems.length) throw new Error(`Configuration check failed:\n${problems.join('\n')}`);
}
