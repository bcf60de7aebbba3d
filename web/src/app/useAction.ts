// One way for a page to run a write (or any call it starts itself): busy while it runs, the problem when it
// fails (an ApiError, which <ErrorBox> draws), a second click while it runs ignored, and nothing done with an
// answer that arrives after the component is gone. Reads that follow the page's state use useData instead.
import { useEffect, useState } from 'react';
import { ApiError } from '../api.ts';

/** Any thrown value as the problem box draws it: an ApiError as it is, anything else as a problem of status 0. */
export const asApiError = (e: unknown): ApiError =>
  e instanceof ApiError ? e : new ApiError(0, String((e as Error | undefined)?.message ?? e));

export type ActionState = { busy: boolean; error: ApiError | null };

export type ActionOptions<P, R> = {
  /** After a success, while the component is still there (reload the data, say what was done, move on). */
  onDone?: (result: R, arg: P) => void | Promise<void>;
  /** After a failure, while the component is still there, beside showing the error (close a confirmation). */
  onError?: (error: ApiError, arg: P) => void;
  /** How a thrown value becomes the error shown (default asApiError). */
  toError?: (e: unknown) => ApiError;
  /** Stay busy after a success: the page moves on (navigates, closes the form), so the button stays off. */
  keepBusy?: boolean;
};

export type ActionFn<P, R> = (arg: P, signal: AbortSignal) => Promise<R>;

/**
 * The state machine of an action, without React (the hook below draws it; tests drive it directly).
 * `publish` receives every change of busy/error while the runner is live.
 */
export class ActionRunner<P, R> {
  private running = false;
  private live = true;
  private controller: AbortController | null = null;
  state: ActionState = { busy: false, error: null };

  constructor(
    private readonly publish: (s: ActionState) => void,
    public action: ActionFn<P, R>,
    public options: ActionOptions<P, R> = {},
  ) {}

  /** Runs the action unless it is running already; true when it ran and succeeded. */
  readonly run = async (arg: P): Promise<boolean> => {
    if (this.running || !this.live) return false;
    this.running = true;
    const controller = new AbortController();
    this.controller = controller;
    this.set({ busy: true, error: null });
    try {
      const result = await this.action(arg, controller.signal);
      if (!this.live || controller.signal.aborted) return false;
      await this.options.onDone?.(result, arg);
      if (!this.live) return false;
      if (!this.options.keepBusy) {
        this.running = false;
        this.set({ busy: false, error: null });
      }
      return true;
    } catch (e) {
      if (!this.live || controller.signal.aborted) return false;
      const error = (this.options.toError ?? asApiError)(e);
      this.running = false;
      this.set({ busy: false, error });
      this.options.onError?.(error, arg);
      return false;
    } finally {
      if (this.controller === controller) this.controller = null;
    }
  };

  /** For a form's onSubmit: no page load, and the action run with no argument. */
  readonly submit = (e?: { preventDefault(): void }): void => {
    e?.preventDefault();
    void this.run(undefined as P);
  };

  /** Shows a problem found before running (a check in the browser), as the action's error. */
  readonly fail = (e: unknown): void => this.set({ ...this.state, error: (this.options.toError ?? asApiError)(e) });

  /** Clears the error. */
  readonly reset = (): void => {
    if (this.state.error) this.set({ ...this.state, error: null });
  };

  /** The component is there (again: React's strict mode unmounts and mounts once more). */
  attach(): void {
    this.live = true;
  }

  /** The component is gone: the call running is aborted and its answer, whatever it is, ignored. */
  detach(): void {
    this.live = false;
    this.running = false;
    this.controller?.abort();
    this.controller = null;
    this.state = { busy: false, error: null };
  }

  private set(s: ActionState): void {
    if (!this.live) return;
    this.state = s;
    this.publish(s);
  }
}

export type Action<P> = ActionState & {
  run: (arg: P) => Promise<boolean>;
  submit: (e?: { preventDefault(): void }) => void;
  fail: (e: unknown) => void;
  reset: () => void;
};

/**
 * An action of the page: `busy` (disable its button), `error` (give it to <ErrorBox>), `run(arg)` or, for a
 * form, `submit`. The action gets an AbortSignal that fires when the component goes away; writes need not
 * pass it on (a write the server got is done either way), their answer is ignored all the same. The latest
 * `action` and `options` are used, so they may be written inline.
 */
export function useAction<P = void, R = unknown>(action: ActionFn<P, R>, options: ActionOptions<P, R> = {}): Action<P> {
  const [state, setState] = useState<ActionState>({ busy: false, error: null });
  const [runner] = useState(() => new ActionRunner<P, R>(setState, action, options));
  runner.action = action;
  runner.options = options;
  useEffect(() => {
    runner.attach();
    return () => runner.detach();
  }, [runner]);
  return { ...state, run: runner.run, submit: runner.submit, fail: runner.fail, reset: runner.reset };
}
