// The first run: while no user exists, anyone who reaches the server may create the first organization
// and its owner — once. Setups are serialized per process and the database is asked again inside each
// (createOwner takes a lock too), so a second owner cannot be created once a user exists.
import * as store from '../store/index.ts';

/** Per database: whether a user exists (once true it stays so), and the setup running last. */
const state = new WeakMap<store.Db, { setUp: boolean; queue: Promise<unknown> }>();
const of = (db: store.Db) => {
  let s = state.get(db);
  if (!s) state.set(db, (s = { setUp: false, queue: Promise.resolve() }));
  return s;
};

const anyUser = async (db: store.Db) =>
  (await store.inSystem(db, (tx) => tx.query('SELECT 1 FROM users LIMIT 1'))).length > 0;

/** Whether the first-run setup is still needed: no user exists yet. */
export async function setupNeeded(db: store.Db): Promise<boolean> {
  const s = of(db);
  // Users are never all deleted by the API: once one exists the answer is cached.
  if (!s.setUp) s.setUp = await anyUser(db);
  return !s.setUp;
}

export interface SetupInput {
  email: string;
  password: string;
  orgName: string;
  name?: string | undefined;
}

/** Creates the first organization and its owner; Conflict once a user exists, Invalid for a weak password. */
export async function setUp(db: store.Db, input: SetupInput): ReturnType<typeof store.createOwner> {
  const s = of(db);
  const run = s.queue.then(async () => {
    if (await anyUser(db))
      throw new store.Conflict('HQS Desk is set up already: an owner signs in and adds people', {
        field: '(root)',
        reasons: ['a user exists'],
      });
    const weak = store.passwordProblem(input.password, input.email);
    if (weak) throw store.Invalid.one('password', weak, 'password.weak');
    return store.createOwner(db, {
      email: input.email,
      password: input.password,
      orgName: input.orgName,
      firstRun: true,
      ...(input.name ? { name: input.name } : {}),
    });
  });
  s.queue = run.catch(() => {});
  return run;
}
