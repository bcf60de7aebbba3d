// Sending mail: SMTP through nodemailer, configured by SMTP_URL and MAIL_FROM. Both are read and checked
// at start (a bad value stops the start naming the variable); without SMTP_URL nothing is sent and the
// workspace says so. The transport sends one prepared message and reports the server's answer; retries
// and the record of what happened are the outbox's (src/mail/outbox.ts).
import nodemailer from 'nodemailer';

export interface MailConfig {
  /** smtp://user:pass@host:port or smtps://… (implicit TLS); STARTTLS is used when the server offers it. */
  url: string;
  /** The sender: an address, or "Name <address>". */
  from: string;
}

const ADDRESS = /^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$|^[^\s@<>"]+@localhost$/i;

/** An email address alone, or `Name <address>`: the address part. */
function addressOf(text: string): string | null {
  const m = /^\s*(?:"?([^"<>]*)"?\s*)?<([^<>]+)>\s*$/.exec(text);
  const addr = (m ? m[2]! : text).trim();
  return ADDRESS.test(addr) ? addr : null;
}

/**
 * SMTP_URL and MAIL_FROM from the environment: undefined when SMTP_URL is unset (mail is off). Throws
 * naming the variable for a value that cannot be used.
 */
export function mailConfigFromEnv(env: NodeJS.ProcessEnv = process.env): MailConfig | undefined {
  const url = env.SMTP_URL?.trim() ?? '';
  const from = env.MAIL_FROM?.trim() ?? '';
  if (url === '') {
    if (from !== '')
      throw new Error(
        'MAIL_FROM is set but SMTP_URL is not: set SMTP_URL too (e.g. smtp://user:password@smtp.example.ru:587), or unset MAIL_FROM',
      );
    return undefined;
  }
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new Error(
      'SMTP_URL: expected an address such as smtp://user:password@smtp.example.ru:587 (or smtps://… for TLS on connect)',
    );
  }
  if (u.protocol !== 'smtp:' && u.protocol !== 'smtps:')
    throw new Error(`SMTP_URL: expected smtp:// or smtps://, got ${u.protocol}//`);
  if (!u.hostname) throw new Error('SMTP_URL: the address names no host');
  if (u.port && (Number(u.port) < 1 || Number(u.port) > 65535)) throw new Error(`SMTP_URL: bad port ${u.port}`);
  if (from === '')
    throw new Error('MAIL_FROM: set the sender of the mails, e.g. "HQS Desk <hqs@example.ru>" (SMTP_URL is set)');
  if (!addressOf(from))
    throw new Error(`MAIL_FROM: expected an address or "Name <address>", got ${JSON.stringify(from)}`);
  return { url, from };
}

/** SMTP_URL without its password, for messages. */
export function redactSmtpUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'smtp://…';
  }
}

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html?: string | null;
  headers?: Record<string, string>;
}

export interface SendResult {
  messageId: string;
  /** The server's last answer (250 …). */
  response: string;
}

export interface MailTransport {
  readonly from: string;
  send(mail: OutgoingMail): Promise<SendResult>;
  close(): void;
}

export function createMailTransport(cfg: MailConfig): MailTransport {
  const t = nodemailer.createTransport(cfg.url, { from: cfg.from });
  return {
    from: cfg.from,
    async send(mail) {
      const info = await t.sendMail({
        from: cfg.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        ...(mail.html ? { html: mail.html } : {}),
        ...(mail.headers ? { headers: mail.headers } : {}),
      });
      if (info.rejected.length) throw new Error(`the server refused ${info.rejected.join(', ')}: ${info.response}`);
      return { messageId: info.messageId, response: info.response };
    },
    close: () => t.close(),
  };
}
