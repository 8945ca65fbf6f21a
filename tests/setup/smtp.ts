import { SMTPServer } from 'smtp-server';
import { simpleParser } from 'mailparser';

export interface ReceivedMail {
  to: string;
  subject: string;
  text: string;
  messageId?: string;
}

/** A real SMTP server on a free local port; collects what arrives. `failNext` makes it refuse messages. */
export async function startSmtp() {
  const received: ReceivedMail[] = [];
  const state = { failNext: 0 };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    // The portal's transport is pooled and keeps its connections open: on close, drop them at once.
    closeTimeout: 200,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', async () => {
        if (state.failNext > 0) {
          state.failNext--;
          // Like real servers, the refusal quotes the address, so tests see whether it is kept.
          const to = session.envelope.rcptTo.map((r) => r.address).join(',');
          return callback(Object.assign(new Error(`mailbox unavailable for <${to}> (test)`), { responseCode: 450 }));
        }
        const parsed = await simpleParser(Buffer.concat(chunks));
        received.push({ to: session.envelope.rcptTo.map((r) => r.address).join(','), subject: parsed.subject ?? '', text: parsed.text ?? '', messageId: parsed.messageId });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as { port: number }).port;
  return {
    url: `smtp://127.0.0.1:${port}?ignoreTLS=true`,
    received,
    state,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
