// Housekeeping inside the server, off every request's path: expired sessions, sign-in attempts older than
// the throttle needs and devices unused for a year are deleted (store.purgeExpired) at start and then every
// hour. A run is skipped while one is going, a failed one is logged and tried again at the next turn.
// Several processes on one PostgreSQL may all run it: the purge holds a lock for its transaction and a
// process that finds it taken skips its turn, since the other is deleting the same rows.
export interface HousekeepingOptions {
  /** One run; resolves when done. */
  run: () => Promise<unknown>;
  /** How often (default an hour). */
  everyMs?: number;
  log?: (msg: string, err?: unknown) => void;
}

export interface Housekeeping {
  /** Runs now unless a run is going (then false). */
  runNow(): Promise<boolean>;
  /** When the last run finished without an error. */
  readonly lastRunAt: Date | null;
  /** Stops the timer and waits for a run that is going. */
  stop(): Promise<void>;
}

export const HOUSEKEEPING_EVERY_MS = 60 * 60 * 1000;

export function startHousekeeping(opts: HousekeepingOptions): Housekeeping {
  const log = opts.log ?? (() => {});
  let current: Promise<void> | null = null;
  let lastRunAt: Date | null = null;
  let stopped = false;

  const runNow = async (): Promise<boolean> => {
    if (stopped || current) return false;
    current = (async () => {
      try {
        await opts.run();
        lastRunAt = new Date();
      } catch (e) {
        log('housekeeping failed; it is tried again at the next turn', e);
      }
    })();
    try {
      await current;
    } finally {
      current = null;
    }
    return true;
  };

  const timer = setInterval(() => void runNow(), opts.everyMs ?? HOUSEKEEPING_EVERY_MS);
  timer.unref();
  setImmediate(() => void runNow());

  return {
    runNow,
    get lastRunAt() {
      return lastRunAt;
    },
    async stop() {
      stopped = true;
      clearInterval(timer);
      if (current) await current;
    },
  };
}
