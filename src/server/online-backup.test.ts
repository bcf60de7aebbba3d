import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { requestOnlineBackup, servesRequests } from './online-backup.ts';

describe('asking a running server for a backup', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hqs-online-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('never signals a holder that did not say it takes backup requests (SIGUSR2 would end it)', async () => {
    let signalled = false;
    const onSignal = () => (signalled = true);
    process.on('SIGUSR2', onSignal);
    try {
      expect(servesRequests(dir, process.pid)).toBe(false);
      await expect(requestOnlineBackup(dir, process.pid, join(dir, 'b.jsonl.gz'), 1000)).rejects.toThrow(
        /does not take backup requests/,
      );
      await new Promise((r) => setTimeout(r, 50));
      expect(signalled).toBe(false);
    } finally {
      process.off('SIGUSR2', onSignal);
    }
  });
});
