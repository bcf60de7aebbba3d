import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api.ts';
import { ActionRunner, asApiError, useAction, type ActionOptions, type ActionState } from './useAction.ts';

/** A promise settled from outside. */
function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** A runner whose published states are recorded, with an action that waits for the test. */
function setUp<P = void, R = string>(options: ActionOptions<P, R> = {}) {
  const states: ActionState[] = [];
  const calls: { arg: P; signal: AbortSignal; answer: ReturnType<typeof deferred<R>> }[] = [];
  const runner = new ActionRunner<P, R>(
    (s) => states.push(s),
    (arg, signal) => {
      const answer = deferred<R>();
      calls.push({ arg, signal, answer });
      return answer.promise;
    },
    options,
  );
  return { runner, states, calls };
}

describe('useAction (ActionRunner)', () => {
  it('is busy while the action runs and not after a success; onDone gets the answer and the argument', async () => {
    const onDone = vi.fn();
    const { runner, states, calls } = setUp<number>({ onDone });
    const run = runner.run(7);
    expect(runner.state).toEqual({ busy: true, error: null });
    expect(calls.map((c) => c.arg)).toEqual([7]);
    calls[0]!.answer.resolve('ok');
    expect(await run).toBe(true);
    expect(onDone).toHaveBeenCalledWith('ok', 7);
    expect(states).toEqual([
      { busy: true, error: null },
      { busy: false, error: null },
    ]);
  });

  it('keeps the error of a failure as an ApiError, calls onError, and clears it on reset and on the next run', async () => {
    const onError = vi.fn();
    const { runner, calls } = setUp({ onError });
    const refused = new ApiError(422, 'bad', [{ path: 'name', message: 'required' }]);
    const run = runner.run();
    calls[0]!.answer.reject(refused);
    expect(await run).toBe(false);
    expect(runner.state).toEqual({ busy: false, error: refused });
    expect(onError).toHaveBeenCalledWith(refused, undefined);
    runner.reset();
    expect(runner.state.error).toBeNull();

    const again = runner.run();
    calls[1]!.answer.reject(new TypeError('boom'));
    await again;
    expect(runner.state.error).toBeInstanceOf(ApiError);
    expect(runner.state.error).toMatchObject({ status: 0, detail: 'boom' });
    void runner.run();
    expect(runner.state).toEqual({ busy: true, error: null });
  });

  it('turns thrown values into the error shown with toError', async () => {
    const { runner, calls } = setUp({ toError: (e) => new ApiError(400, `seen: ${asApiError(e).detail}`) });
    const run = runner.run();
    calls[0]!.answer.reject(new ApiError(409, 'taken'));
    await run;
    expect(runner.state.error).toMatchObject({ status: 400, detail: 'seen: taken' });
  });

  it('ignores a second run while the first is running (a double click submits once)', async () => {
    const { runner, calls } = setUp<string>();
    const first = runner.run('a');
    expect(await runner.run('b')).toBe(false);
    expect(calls.map((c) => c.arg)).toEqual(['a']);
    calls[0]!.answer.resolve('done');
    expect(await first).toBe(true);
    void runner.run('c');
    expect(calls.map((c) => c.arg)).toEqual(['a', 'c']);
  });

  it('with keepBusy stays busy after a success and refuses to run again (the page moves on)', async () => {
    const { runner, calls } = setUp({ keepBusy: true });
    const run = runner.run();
    calls[0]!.answer.resolve('x');
    await run;
    expect(runner.state.busy).toBe(true);
    expect(await runner.run()).toBe(false);
    expect(calls).toHaveLength(1);
  });

  it('but after a failure with keepBusy it may run again', async () => {
    const { runner, calls } = setUp({ keepBusy: true });
    const run = runner.run();
    calls[0]!.answer.reject(new ApiError(500, 'down'));
    await run;
    expect(runner.state.busy).toBe(false);
    void runner.run();
    expect(calls).toHaveLength(2);
  });

  it('after unmount aborts the call and ignores its answer: no state, no onDone, no onError', async () => {
    const onDone = vi.fn();
    const onError = vi.fn();
    const { runner, states, calls } = setUp({ onDone, onError });
    const ok = runner.run();
    runner.detach();
    expect(calls[0]!.signal.aborted).toBe(true);
    calls[0]!.answer.resolve('late');
    expect(await ok).toBe(false);

    runner.attach(); // strict mode mounts again: a fresh run works
    const failing = runner.run();
    runner.detach();
    calls[1]!.answer.reject(new ApiError(500, 'late'));
    expect(await failing).toBe(false);
    expect(onDone).not.toHaveBeenCalled();
    expect(onError).not.toHaveBeenCalled();
    expect(states).toEqual([
      { busy: true, error: null },
      { busy: true, error: null },
    ]);
    expect(await runner.run()).toBe(false); // nothing runs while unmounted
    expect(calls).toHaveLength(2);
  });

  it('does not publish what onDone causes once the component is gone (onDone navigated away)', async () => {
    const states: ActionState[] = [];
    const runner: ActionRunner<void, string> = new ActionRunner<void, string>(
      (s) => states.push(s),
      async () => 'x',
      { onDone: () => runner.detach() },
    );
    expect(await runner.run()).toBe(false);
    expect(states).toEqual([{ busy: true, error: null }]);
  });

  it('fail shows a problem found before running; submit prevents the page load and runs', async () => {
    const { runner, calls } = setUp();
    runner.fail(new ApiError(422, 'the passwords differ'));
    expect(runner.state).toEqual({ busy: false, error: expect.objectContaining({ detail: 'the passwords differ' }) });
    const preventDefault = vi.fn();
    runner.submit({ preventDefault });
    expect(preventDefault).toHaveBeenCalled();
    expect(calls).toHaveLength(1);
    expect(runner.state).toEqual({ busy: true, error: null });
  });

  it('uses the action and options of the latest render', async () => {
    const { runner } = setUp<void, string>();
    const onDone = vi.fn();
    runner.action = async () => 'newer';
    runner.options = { onDone };
    await runner.run();
    expect(onDone).toHaveBeenCalledWith('newer', undefined);
  });
});

describe('useAction (the hook)', () => {
  it('starts idle with its functions, and a page draws with it', () => {
    let seen: ReturnType<typeof useAction> | undefined;
    function Page() {
      seen = useAction(async () => 'x');
      return createElement('button', { disabled: seen.busy }, 'Save');
    }
    expect(renderToStaticMarkup(createElement(Page))).toBe('<button>Save</button>');
    expect(seen).toMatchObject({ busy: false, error: null });
    expect(typeof seen?.run).toBe('function');
    expect(typeof seen?.submit).toBe('function');
  });
});

describe('asApiError', () => {
  it('keeps an ApiError and makes anything else a problem of status 0 with its message', () => {
    const e = new ApiError(404, 'gone');
    expect(asApiError(e)).toBe(e);
    expect(asApiError(new Error('broken'))).toMatchObject({ status: 0, detail: 'broken' });
    expect(asApiError('text')).toMatchObject({ status: 0, detail: 'text' });
  });
});
