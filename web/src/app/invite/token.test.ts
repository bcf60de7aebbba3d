import { describe, expect, it } from 'vitest';
import { tokenFromHash } from './token.ts';

describe('tokenFromHash', () => {
  it('reads the token from the fragment as it is', () => {
    expect(tokenFromHash('#hqsi_AbC-d_9')).toBe('hqsi_AbC-d_9');
  });
  it('undoes percent-encoding and drops punctuation a mail program glued to the link', () => {
    expect(tokenFromHash('#hqsi_Ab%2DC')).toBe('hqsi_Ab-C');
    expect(tokenFromHash('#hqsi_AbC).')).toBe('hqsi_AbC');
    expect(tokenFromHash('#hqsi_AbC%')).toBe('hqsi_AbC%'); // not valid percent-encoding: kept as written
  });
  it('gives an empty token when there is no fragment', () => {
    expect(tokenFromHash('')).toBe('');
    expect(tokenFromHash('#')).toBe('');
    expect(tokenFromHash('#  ')).toBe('');
  });
});
