import { describe, expect, it } from 'vitest';
import { caseInputProblems, paramProblems, scanJson, valueProblems } from './input.ts';
import { clientAddress, forwardedProto, parsePublicUrl, parseTrustProxy } from './proxy.ts';

describe('request input checks', () => {
  it('finds too deep and too wide JSON in one pass, skipping strings', () => {
    expect(scanJson('{"a":[1,{"b":"[[[[{{{{"}]}')).toEqual({});
    expect(scanJson(`${'['.repeat(33)}${']'.repeat(33)}`).tooDeep).toBe(32);
    const wide = `{${Array.from({ length: 201 }, (_, i) => `"k${i}":1`).join(',')}}`;
    expect(scanJson(wide).tooWide).toBeGreaterThan(0);
    expect(scanJson(`{"s":"a:b:c:\\":"}`)).toEqual({});
  });
  it('names each value that cannot be stored, at its path', () => {
    expect(valueProblems({ a: ['ok', 'x\u0000'], b: { c: 'y\ud800' } })).toEqual([
      { path: 'a[1]', message: expect.stringMatching(/U\+0000/), status: 422 },
      { path: 'b.c', message: expect.stringMatching(/lone UTF-16 surrogate/), status: 422 },
    ]);
    expect(valueProblems({ s: 'x'.repeat(10_001) })[0]).toMatchObject({ path: 's', status: 413 });
    expect(valueProblems({ '\u0000': 1 })[0]).toMatchObject({ status: 422 });
    expect(valueProblems({ ok: '😀 паспорт 护照' })).toEqual([]); // a surrogate pair is fine
  });
  it('refuses a case for its people before walking it', () => {
    const people = Array.from({ length: 31 }, () => ({ id: 'x' }));
    expect(caseInputProblems({ people })).toEqual([
      { path: 'people', message: 'at most 30 people in a case (got 31)', status: 413 },
    ]);
  });
  it('checks parameters by name', () => {
    expect(paramProblems({ q: 'a\u0000', id: 'fine', list: ['ok', 'b\ud800'] }).map((p) => p.path)).toEqual([
      'q',
      'list',
    ]);
  });
});

describe('the client address behind trusted proxies', () => {
  it('counts hops from the right of X-Forwarded-For, as Express does', () => {
    expect(clientAddress('10.0.0.1', undefined, 1)).toBe('10.0.0.1');
    expect(clientAddress('10.0.0.1', '1.2.3.4', 0)).toBe('10.0.0.1'); // not trusted: the socket
    expect(clientAddress('10.0.0.1', '6.6.6.6, 203.0.113.7', 1)).toBe('203.0.113.7'); // the forged entry is ignored
    expect(clientAddress('10.0.0.1', '6.6.6.6, 203.0.113.7, 10.0.0.2', 2)).toBe('203.0.113.7');
    expect(clientAddress('10.0.0.1', '203.0.113.7', 3)).toBe('203.0.113.7'); // fewer entries than hops
    expect(clientAddress('10.0.0.1', 'garbage, 203.0.113.7', 2)).toBe('203.0.113.7'); // a non-address stops the walk
    expect(clientAddress('::ffff:127.0.0.1', undefined, 0)).toBe('127.0.0.1');
    expect(forwardedProto('http, https')).toBe('https');
  });
  it('reads HQS_TRUST_PROXY as a number of hops and names a bad value', () => {
    expect(parseTrustProxy(undefined)).toBe(0);
    expect(parseTrustProxy(' 2 ')).toBe(2);
    expect(() => parseTrustProxy('true')).toThrow(/HQS_TRUST_PROXY: expected the number of reverse proxies/);
  });
  it('reads PUBLIC_URL as an http(s) origin and names a bad value', () => {
    expect(parsePublicUrl(undefined)).toBeUndefined();
    expect(parsePublicUrl(' https://hqs.example.ru/ ')).toBe('https://hqs.example.ru');
    expect(parsePublicUrl('http://10.0.0.5:8080')).toBe('http://10.0.0.5:8080');
    expect(() => parsePublicUrl('hqs.example.ru')).toThrow(/PUBLIC_URL: expected an address such as/);
    expect(() => parsePublicUrl('ftp://hqs.example.ru')).toThrow(/PUBLIC_URL: expected an http or https address/);
    expect(() => parsePublicUrl('https://hqs.example.ru/desk')).toThrow(/PUBLIC_URL: expected only the scheme/);
  });
});
