// `hqs` — the command-line shell. It parses arguments, loads the law data and the calendar, calls the
// pure modules and prints; it decides no law itself. Exit codes: 0 success, 2 bad input or usage,
// 1 internal error.
import { UsageError, InputError } from './args.ts';
import { defaultIo, type Command, type Io } from './io.ts';
import { validateCommand } from './commands/validate.ts';
import { calendarCommand } from './commands/calendar.ts';
import { lawCommand } from './commands/law.ts';
import { startCommand } from './commands/start.ts';
import { evaluateCommand } from './commands/evaluate.ts';
import { groundsCommand } from './commands/grounds.ts';
import { checklistCommand } from './commands/checklist.ts';
import { letterCommand } from './commands/letter.ts';
import { obligationsCommand } from './commands/obligations.ts';
import { migrateCommand } from './commands/migrate.ts';
import { keysCommand } from './commands/keys.ts';
import { sweepCommand } from './commands/sweep.ts';
import { backupCommand } from './commands/backup.ts';
import { restoreCommand } from './commands/restore.ts';
import { adminCommand } from './commands/admin.ts';
import { importCommand } from './commands/import.ts';
import { exportCommand } from './commands/export.ts';
import { remindCommand } from './commands/remind.ts';
import { jobsCommand } from './commands/jobs.ts';

// The commands import Io from io.ts (never this module); it is re-exported for callers of main().
export type { Command, Io };

interface CommandEntry {
  run: Command;
  summary: string;
}

const commands: Record<string, CommandEntry> = {
  validate: { run: validateCommand, summary: 'check a case file (hqs-case/1) and name every bad field' },
  calendar: { run: calendarCommand, summary: 'working days on the Russian production calendar' },
  evaluate: {
    run: evaluateCommand,
    summary: 'evaluate a case: eligibility, plan, obligations, findings — with their legal basis',
  },
  law: { run: lawCommand, summary: 'the law data: parameters in force on a date, with citations' },
  checklist: {
    run: checklistCommand,
    summary: "documents per person in the authority's order: text, JSON or a printable PDF",
  },
  obligations: {
    run: obligationsCommand,
    summary: 'every legal deadline of a case: text, JSON or an iCalendar (.ics) file',
  },
  letter: { run: letterCommand, summary: "employer's support letter or applicant's cover letter, as DOCX or PDF" },
  grounds: {
    run: groundsCommand,
    summary: 'grounds for a residence permit without a TRP (115-FZ art. 8 p.2) in force on a date',
  },
  migrate: { run: migrateCommand, summary: 'apply the database migrations (also done on start)' },
  keys: { run: keysCommand, summary: 'the key that encrypts document files at rest: status, rotate' },
  sweep: { run: sweepCommand, summary: 're-evaluate every open case and store its obligations' },
  remind: { run: remindCommand, summary: "make and mail the day's reminders now (--dry-run: only show them)" },
  jobs: { run: jobsCommand, summary: 'the job queue (daily sweep and reminders, mail delivery) and the outbox' },
  backup: { run: backupCommand, summary: 'write a backup of the database and document files to FILE' },
  restore: { run: restoreCommand, summary: 'restore a backup written by hqs backup' },
  import: { run: importCommand, summary: 'import people and cases from a spreadsheet (.xlsx, .csv); --template' },
  export: { run: exportCommand, summary: 'cases, deadlines, findings or the audit log to .xlsx or .csv' },
  admin: { run: adminCommand, summary: 'administration: create-owner (an organization and its owner)' },
  start: { run: startCommand, summary: 'start HQS Desk' },
};

function usage(): string {
  const width = Math.max(...Object.keys(commands).map((k) => k.length));
  const lines = Object.entries(commands).map(([k, c]) => `  ${k.padEnd(width)}  ${c.summary}`);
  return [
    'usage: hqs <command> [options]',
    '',
    'commands:',
    ...lines,
    '',
    'Every command takes --help. Exit codes: 0 success, 2 bad input, 1 internal error.',
  ].join('\n');
}

export async function main(argv: string[], io: Io = defaultIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.out(usage());
    return name === undefined ? 2 : 0;
  }
  if (name === '--version') {
    io.out('hqs 0.1.0');
    return 0;
  }
  const entry = commands[name];
  if (!entry) {
    io.err(`hqs: unknown command "${name}"\n\n${usage()}`);
    return 2;
  }
  try {
    return await entry.run(rest, io);
  } catch (e) {
    if (e instanceof UsageError || e instanceof InputError) {
      io.err(`hqs ${name}: ${e.message}`);
      return 2;
    }
    io.err(`hqs ${name}: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    return 1;
  }
}
