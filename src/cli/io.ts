// Where a command writes: standard output and standard error, or a test's buffers. Every command takes an
// Io; main.ts passes the process's.

export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
}

export type Command = (argv: string[], io: Io) => Promise<number> | number;

export const defaultIo: Io = {
  out: (s) => process.stdout.write(s.endsWith('\n') ? s : s + '\n'),
  err: (s) => process.stderr.write(s.endsWith('\n') ? s : s + '\n'),
};
