import { createInterface } from 'node:readline';
import type { Io } from '../io.ts';
import { parse, formatOf, UsageError, InputError } from '../args.ts';
import { json } from '../context.ts';
import { createOwner } from '../../store/memberships.ts';
import { passwordProblem } from '../../store/password.ts';
import { findUserByEmail, normalizeEmail, setPassword } from '../../store/users.ts';
import { endUserSessions } from '../../store/sessions.ts';
import { requestPasswordReset, RESETS_PER_WINDOW, RESET_MINUTES } from '../../store/password-reset.ts';
import { mailBase } from '../shared.ts';
import { withStore } from '../with-store.ts';

const HELP = `usage: hqs admin create-owner --email EMAIL --org NAME [--name FULL_NAME] [--format text|json]

Creates an organization and its owner: the first sign-in of a new installation, or another organization
(an agency, an employer's HR) on the same one. There are no default passwords: the password is read from
HQS_OWNER_PASSWORD, or asked for twice on a terminal; a weak one is refused with the reason. An
organization that already exists is refused (its owner adds people). An existing user may become the
owner of a new organization with their own password.

usage: hqs admin reset-password EMAIL [--format text|json]

For a locked-out account (a sole owner who forgot the password, with or without mail): prints a one-time
link to set a new password — valid for an hour, on PUBLIC_URL (else this machine's server address) — to
open in a browser. With HQS_OWNER_PASSWORD set, sets that password at once instead. Either way the
account's sessions end. An unknown or disabled account is refused.`;

/** Reads a line from the terminal without echoing it. */
function askHidden(question: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
    const out = rl as unknown as { _writeToOutput: (s: string) => void; output: NodeJS.WritableStream };
    let asked = false;
    out._writeToOutput = (s: string) => {
      if (!asked) {
        out.output.write(s);
        asked = true;
      }
    };
    rl.question(question, (answer) => {
      rl.close();
      process.stderr.write('\n');
      resolve(answer);
    });
    rl.on('SIGINT', () => {
      rl.close();
      reject(new InputError('cancelled'));
    });
  });
}

async function ownerPassword(email: string): Promise<string> {
  const fromEnv = process.env.HQS_OWNER_PASSWORD;
  if (fromEnv !== undefined && fromEnv !== '') {
    const problem = passwordProblem(fromEnv, email);
    if (problem) throw new InputError(`HQS_OWNER_PASSWORD: ${problem}`);
    return fromEnv;
  }
  if (!process.stdin.isTTY)
    throw new UsageError('no password: set HQS_OWNER_PASSWORD, or run this on a terminal to be asked for it');
  for (;;) {
    const first = await askHidden(`password for ${email}: `);
    const problem = passwordProblem(first, email);
    if (problem) {
      process.stderr.write(`${problem}; try again\n`);
      continue;
    }
    if ((await askHidden('the same password again: ')) === first) return first;
    process.stderr.write('the two passwords differ; try again\n');
  }
}

export async function adminCommand(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(argv, {
    email: { type: 'string' },
    org: { type: 'string' },
    name: { type: 'string' },
  });
  if (values.help || positionals.length === 0) {
    io.out(HELP);
    return values.help ? 0 : 2;
  }
  const [sub, ...rest] = positionals;
  if (sub === 'reset-password') return resetPassword(rest, formatOf(values.format), io);
  if (sub !== 'create-owner') throw new UsageError(`unknown subcommand "${sub}"\n\n${HELP}`);
  if (rest.length) throw new UsageError(`create-owner takes no arguments besides its options\n\n${HELP}`);
  const format = formatOf(values.format);
  if (values.email === undefined) throw new UsageError(`--email is required\n\n${HELP}`);
  if (values.org === undefined || values.org.trim() === '')
    throw new UsageError(`--org is required (the organization's name)\n\n${HELP}`);
  let email: string;
  try {
    email = normalizeEmail(values.email);
  } catch (e) {
    throw new InputError(`--email: ${(e as Error).message.replace(/^email: /, '')}`);
  }
  const password = await ownerPassword(email);
  return withStore({}, async (db) => {
    const r = await createOwner(db, {
      email,
      password,
      orgName: values.org!,
      ...(values.name ? { name: values.name } : {}),
    });
    if (format === 'json') io.out(json({ organization: r.organization, user: r.user, newUser: r.newUser }));
    else
      io.out(
        `organization "${r.organization.name}" (${r.organization.orgId}) created; owner ${r.user.email}${r.newUser ? ' (new user)' : ' (existing user)'}`,
      );
    return 0;
  });
}

async function resetPassword(rest: string[], format: 'text' | 'json', io: Io): Promise<number> {
  if (rest.length !== 1) throw new UsageError(`reset-password takes one EMAIL\n\n${HELP}`);
  let email: string;
  try {
    email = normalizeEmail(rest[0]);
  } catch (e) {
    throw new InputError(`EMAIL: ${(e as Error).message.replace(/^email: /, '')}`);
  }
  const direct = process.env.HQS_OWNER_PASSWORD;
  let base: string;
  try {
    base = mailBase(process.env);
  } catch (e) {
    throw new InputError((e as Error).message);
  }
  return withStore({}, async (db) => {
    const user = await findUserByEmail(db, email);
    if (!user) throw new InputError(`no account has the email ${email}`);
    if (direct !== undefined && direct !== '') {
      const problem = passwordProblem(direct, email);
      if (problem) throw new InputError(`HQS_OWNER_PASSWORD: ${problem}`);
      await setPassword(db, user.userId, direct);
      await endUserSessions(db, user.userId);
      if (format === 'json') io.out(json({ email, passwordSet: true }));
      else io.out(`the password of ${email} is set from HQS_OWNER_PASSWORD; their sessions ended`);
      return 0;
    }
    const r = await requestPasswordReset(db, email, { from: 'cli' });
    if (!r) throw new InputError(`${email} is disabled, or ${RESETS_PER_WINDOW} resets were asked for within the hour`);
    const url = `${base}/reset-password#${r.token}`;
    if (format === 'json') io.out(json({ email, url, expiresInMinutes: RESET_MINUTES }));
    else {
      io.out(`Open this link within ${RESET_MINUTES} minutes to set a new password for ${email} (it works once):`);
      io.out(url);
    }
    return 0;
  });
}
