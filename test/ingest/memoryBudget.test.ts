import { describe, expect, it } from 'vitest';
import { sizeBytes, withMemoryBudget } from '../../src/ingest/memoryBudget.js';
import { openTestWarehouse } from '../helpers/db.js';

const limit = async (wh: Awaited<ReturnType<typeof openTestWarehouse>>) =>
  (await wh.one<{ limit: string }>(`select current_setting('memory_limit') as "limit"`))!.limit;

describe('the load memory budget', () => {
  it('reads DuckDB size settings in bytes', () => {
    // 1.5 GiB = 1.5 × 2^30; 2 GB = 2 × 10^9
    expect([sizeBytes('1.5 GiB'), sizeBytes('2 GB'), sizeBytes('488.2 KiB'), sizeBytes('1024 bytes')]).toEqual([1610612736, 2e9, 488.2 * 1024, 1024]);
    expect(sizeBytes('unlimited')).toBeNaN();
  });

  it('lowers a higher limit while the work runs and puts it back after', async () => {
    const wh = await openTestWarehouse();
    await wh.run(`set memory_limit = '4 GiB'`);
    const during = await withMemoryBudget(wh, 1536 * 2 ** 20, () => limit(wh));
    expect([during, await limit(wh)]).toEqual(['1.5 GiB', '4.0 GiB']);
  });

  it('keeps a lower limit, and restores the limit when the work fails', async () => {
    const wh = await openTestWarehouse();
    await wh.run(`set memory_limit = '1 GiB'`);
    expect(await withMemoryBudget(wh, 1536 * 2 ** 20, () => limit(wh))).toBe('1.0 GiB');
    await wh.run(`set memory_limit = '3 GiB'`);
    await expect(withMemoryBudget(wh, 1536 * 2 ** 20, () => Promise.reject(new Error('bad file')))).rejects.toThrow('bad file');
    expect(await limit(wh)).toBe('3.0 GiB');
  });
});
