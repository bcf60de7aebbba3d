// The daily portfolio sweep inside the server. A check every minute (and one at start): when the date in
// Moscow differs from the date of the last completed sweep, sweep as of that date. So the first run is at
// start, the next just after midnight Moscow time, a failed run is retried at the next check, and a
// machine that slept catches up — and since a run is skipped while one is going, runs never overlap.
import { todayInMoscow, type IsoDate } from '../calendar/date.ts';

export interface DailySweepOptions {
  run: (asOf: IsoDate) => Promise<unknown>;
  now?: () => Date;
  /** How often to look at the date (default 60 s). */
  checkEveryMs?: number;
  log?: (msg: string, err?: unknown) => void;
}

export interface DailySweep {
  /** Sweeps now unless a sweep is running (then false). */
  check(): Promise<boolean>;
  /** The date of the last completed sweep. */
  readonly lastAsOf: IsoDate | null;
  readonly running: boolean;
  /** Stops the timer and waits for a running sweep to finish. */
  stop(): Promise<void>;
}

export function startDailySweep(opts: DailySweepOptions): DailySweep {
  const now = opts.now ?? (() => new Date());
  const log = opts.log ?? (() => {});
  let lastAsOf: IsoDate | null = null;
  let current: Promise<void> | null = null;
  let stopped = false;

  const check = async (): Promise<boolean> => {
    if (stopped || current) return false;
    const asOf = todayInMoscow(now());
    if (asOf === lastAsOf) return false;
    current = (async () => {
      try {
        await opts.run(asOf);
        lastAsOf = asOf;
      } catch (e) {
        log(`sweep as of ${asOf} failed; it is tried again at the next check`, e);
      }
    })();
    try {
      await current;
    } finally {
      current = null;
    }
    return true;
  };

  const timer = setInterval(() => void check(), opts.checkEveryMs ?? 60_000);
  timer.unref();
  setImmediate(() => void check());

  return {
    check,
    get lastAsOf() {
      return lastAsOf;
    },
    get running() {
      return current !== null;
    },
    async stop() {
      stopped = true;
      clearInterval(timer);
      if (current) await current;
    },
  };
}
