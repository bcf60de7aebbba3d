import { describe, expect, it } from 'vitest';
import { parseRateLimit, RateLimiter } from './rate-limit.ts';
import { startDailySweep } from './sweep-timer.ts';
import { HttpProblem, toProblem } from './problem.ts';
import { Conflict, Forbidden, Invalid, NotFound } from '../store/errors.ts';

describe('RateLimiter', () => {
  it('allows a burst, then refills at the rate, per key', () => {
    let t = 0;
    const rl = new RateLimiter(2, 1, () => t);
    expect([rl.take('a').ok, rl.take('a').ok, rl.take('a').ok]).toEqual([true, true, false]);
    expect(rl.take('a').retryAfterSeconds).toBe(1);
    expect(rl.take('b').ok).toBe(true);
    t = 1000;
    expect(rl.take('a').ok).toBe(true);
    expect(rl.take('a').ok).toBe(false);
  });
  it('prunes refilled buckets when it grows', () => {
    let t = 0;
    const rl = new RateLimiter(1, 1, () => t, 10);
    for (let i = 0; i < 11; i++) rl.take(`k${i}`);
    t = 5000;
    rl.take('late');
    rl.take('late2');
    expect(rl.size).toBeLessThanOrEqual(11);
  });
});

describe('parseRateLimit (HQS_EVALUATE_LIMIT)', () => {
  it('reads "capacity,perSecond" and names the variable and the value when it cannot', () => {
    expect(parseRateLimit('30,1', 'HQS_EVALUATE_LIMIT')).toEqual({ capacity: 30, perSecond: 1 });
    expect(parseRateLimit(' 1000000 , 0.5 ', 'X')).toEqual({ capacity: 1_000_000, perSecond: 0.5 });
    for (const bad of ['', '30', '0,1', '30,0', 'a,b', '30,1,2', '-1,1']) {
      let message = '';
      try {
        parseRateLimit(bad, 'HQS_EVALUATE_LIMIT');
      } catch (e) {
        message = (e as Error).message;
      }
      expect(message, bad).toMatch(/^HQS_EVALUATE_LIMIT: expected "capacity,perSecond"/);
      expect(message.endsWith(`got ${JSON.stringify(bad)}`), message).toBe(true);
    }
  });
});

describe('the daily sweep timer', () => {
  it('sweeps at start, once per Moscow date, never two at once, and retries a failure', async () => {
    let now = new Date('2026-03-01T20:00:00Z'); // 23:00 in Moscow
    const runs: string[] = [];
    let release: () => void = () => {};
    let fail = false;
    const timer = startDailySweep({
      now: () => now,
      checkEveryMs: 1e9,
      run: async (asOf) => {
        runs.push(asOf);
        if (fail) throw new Error('database down');
        await new Promise<void>((r) => (release = r));
      },
    });
    await new Promise((r) => setImmediate(r));
    expect(runs).toEqual(['2026-03-01']);
    expect(timer.running).toBe(true);
    expect(await timer.check()).toBe(false); // overlapping run refused
    release();
    await new Promise((r) => setImmediate(r));
    expect(timer.lastAsOf).toBe('2026-03-01');
    expect(await timer.check()).toBe(false); // same date: nothing to do
    now = new Date('2026-03-01T21:01:00Z'); // 00:01 on 2 March in Moscow
    fail = true;
    expect(await timer.check()).toBe(true);
    expect(timer.lastAsOf).toBe('2026-03-01');
    fail = false;
    const next = timer.check();
    await new Promise((r) => setImmediate(r));
    release();
    await next;
    expect(runs).toEqual(['2026-03-01', '2026-03-02', '2026-03-02']);
    expect(timer.lastAsOf).toBe('2026-03-02');
    await timer.stop();
  });
});

describe('toProblem', () => {
  it('maps the store errors to statuses with the fields named', () => {
    expect(toProblem(new NotFound('case', 'x')).problem.status).toBe(404);
    expect(toProblem(new Forbidden('no')).problem.status).toBe(403);
    const inv = toProblem(new Invalid([{ path: 'people[0].birthDate', message: 'bad' }])).problem;
    expect(inv).toMatchObject({ status: 422, errors: [{ path: 'people[0].birthDate', message: 'bad' }] });
    const conf = toProblem(new Conflict('stale', { field: 'version', current: 4 })).problem;
    expect(conf).toMatchObject({ status: 409, currentVersion: 4, errors: [{ path: 'version' }] });
    const h = toProblem(new HttpProblem(429, 'slow down', [{ path: 'email', message: 'x' }], { 'Retry-After': '5' }));
    expect(h.headers).toEqual({ 'Retry-After': '5' });
  });
  it('never puts an unexpected error or its stack in the response', () => {
    const e = new Error('secret connection string postgres://u:p@h');
    const m = toProblem(e);
    expect(m.problem.status).toBe(500);
    expect(JSON.stringify(m.problem)).not.toContain('secret');
    expect(JSON.stringify(m.problem)).not.toContain('at ');
    expect(m.unexpected).toBe(e);
    expect(m.problem.detail).toContain(m.problem.errorId!);
  });
});
