// A real SMTP server in its own process for the mail tests: smtp-server on 127.0.0.1 (an ephemeral
// port), every accepted message written to OUT_DIR as <n>.eml. It prints one line of JSON when it listens
// ({"port": N}) and one per message ({"received": "<file>"}). REFUSE_FIRST=N answers the first N messages
// with a temporary failure (451), as a busy or greylisting server does, to test retries.
import { SMTPServer } from 'smtp-server';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Buffer } from 'node:buffer';

const out = process.env.OUT_DIR;
if (!out) {
  console.error('OUT_DIR is not set');
  process.exit(2);
}
mkdirSync(out, { recursive: true });
let refuse = Number(process.env.REFUSE_FIRST ?? '0');
let n = 0;

const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  onData(stream, session, callback) {
    const chunks = [];
    stream.on('data', (c) => chunks.push(c));
    stream.on('end', () => {
      if (refuse > 0) {
        refuse--;
        const err = new Error('try again later (test: refused on purpose)');
        err.responseCode = 451;
        return callback(err);
      }
      const file = join(out, `${String(++n).padStart(4, '0')}.eml`);
      writeFileSync(file, Buffer.concat(chunks));
      process.stdout.write(
        JSON.stringify({ received: file, to: session.envelope.rcptTo.map((r) => r.address) }) + '\n',
      );
      callback(null, `queued as ${n}`);
    });
  },
});
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(JSON.stringify({ port: server.server.address().port }) + '\n');
});
