/** The one way tests open a warehouse: a real in-memory DuckDB with the canonical tables. */
import { afterEach } from 'vitest';
import { Warehouse } from '../../src/db/connection.js';

export async function openTestWarehouse(): Promise<Warehouse> {
  const warehouse = await Warehouse.open({ path: ':memory:' });
  afterEach(() => {
    try {
      warehouse.close();
    } catch {
      // already closed by the test
    }
  });
  return warehouse;
}
