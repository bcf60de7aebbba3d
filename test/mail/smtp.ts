// Starting and stopping the SMTP server process of the mail tests (smtp-server.mjs), and reading what it
// received with mailparser.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser, type ParsedMail } from 'mailparser';

export interface SmtpProcess {
  url: string;
  dir: string;
  child: ChildProcess;
  /** The messages received so far, parsed, in order. */
  messages(): Promise<ParsedMail[]>;
  count(): number;
  stop(): Promise<void>;
}

export async function startSmtp(opts: { refuseFirst?: number } = {}): Promise<SmtpProcess> {
  const dir = mkdtempSync(join(tmpdir(), 'hqs-smtp-'));
  const child = spawn(process.execPath, [new URL('./smtp-server.mjs', import.meta.url).pathname], {
    env: { ...process.env, OUT_DIR: dir, REFUSE_FIRST: String(opts.refuseFirst ?? 0) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the SMTP server did not start: ${log}`)), 30_000);
    child.stdout!.on('data', (d: Buffer) => {
      log += d.toString();
      const m = /\{"port":(\d+)\}/.exec(log);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
    child.stderr!.on('data', (d: Buffer) => (log += d.toString()));
    child.once('exit', (code) => reject(new Error(`the SMTP server exited (${code}): ${log}`)));
  });
  const files = () =>
    readdirSync(dir)
      .filter((f) => f.endsWith('.eml'))
      .sort();
  return {
    url: `smtp://127.0.0.1:${port}`,
    dir,
    child,
    count: () => files().length,
    messages: () => Promise.all(files().map((f) => simpleParser(readFileSync(join(dir, f))))),
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
