import { describe, it, expect } from 'vitest';
import { hashPassword, passwordProblem, verifyPassword } from './password.ts';

describe('password hashing (scrypt)', () => {
  it('stores the parameters and a per-hash salt; verifies only the right password', async () => {
    const a = await hashPassword('a long enough passphrase', { N: 1024, r: 8, p: 1 });
    const b = await hashPassword('a long enough passphrase', { N: 1024, r: 8, p: 1 });
    expect(a).toMatch(/^scrypt\$1024\$8\$1\$[A-Za-z0-9+/=]{24}\$[A-Za-z0-9+/=]{44}$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('a long enough passphrase', a)).toBe(true);
    expect(await verifyPassword('a long enough passphrasE', a)).toBe(false);
    expect(await verifyPassword('', a)).toBe(false);
  });

  it('a hash made with other parameters still verifies (they travel with it)', async () => {
    const old = await hashPassword('another good passphrase', { N: 2048, r: 4, p: 2 });
    expect(await verifyPassword('another good passphrase', old)).toBe(true);
  });

  it.each([
    '',
    'plain',
    'scrypt$1024$8$1$c2FsdA==',
    'scrypt$99999999$8$1$c2FsdHNhbHRzYWx0c2FsdA==$aGFzaGhhc2hoYXNoaGFzaA==',
  ])('a malformed hash never verifies: %j', async (h) => {
    expect(await verifyPassword('whatever password', h)).toBe(false);
  });

  it('normalizes Unicode so the same password typed differently matches', async () => {
    const h = await hashPassword('Пароль-ёлка-зелёная-1', { N: 1024, r: 8, p: 1 });
    expect(await verifyPassword('Пароль-ёлка-зелёная-1'.normalize('NFD'), h)).toBe(true);
  });
});

describe('passwordProblem', () => {
  it.each([
    ['', /empty/],
    ['short1!', /too short: 7 characters, at least 12/],
    ['aaaaaaaaaaaaaaaa', /at least 6 different/],
    ['Password1234', /common/],
    ['qwerty123456!', /common/],
    ['abcdefghijklm', /sequence/],
    ['1234567890123', /sequence/],
    ['ann.smith-2026!', /contains the email/],
  ])('refuses %j', (pw, why) => {
    expect(passwordProblem(pw, 'ann.smith@example.com')).toMatch(why);
  });

  it.each(['correct horse battery staple', 'Tr0ub4dor&3-xyz', 'зелёная ёлка в лесу'])('accepts %j', (pw) => {
    expect(passwordProblem(pw, 'ann@example.com')).toBeUndefined();
  });
});

describe('passwordProblem with the strength estimator', () => {
  it.each(['iloveyou12345', 'monkey1234567', 'trustno1trustno1', 'michael12345678'])(
    'refuses %j: common passwords and their variants beyond the few listed here',
    (pw) => {
      expect(passwordProblem(pw, 'ann@example.com')).toMatch(/common|easy to guess/);
    },
  );
  it('takes a long password quickly (the estimator sees at most 64 characters)', () => {
    expect(passwordProblem(`${'Tr0ub4dor&3-'.repeat(80)}xyz`, 'ann@example.com')).toBeUndefined();
  });
});
