import { describe, expect, it } from 'vitest';
import { floorFurthestOff } from '../../bench/routingFloor.js';
import { furthestOff } from '../../src/routing/fairness.js';
import type { OwnerShare } from '../../src/routing/types.js';

// The bench's 1M routing warehouse: U16 and U10 each got 9103 MQLs against the same expected share,
// which summed over the weeks in another order differs in its last bits.
const share = (ownerId: string, owner: string, actual: number, expected: number): OwnerShare =>
  ({ ownerId, owner, actual, expected, residual: (actual - expected) / Math.sqrt(expected) }) as OwnerShare;
const owners = [
  share('U01', 'Rep 1', 8976, 17466.82439024391),
  share('U23', 'Rep 23', 9096, 8733.412195121955),
  share('U16', 'Rep 16', 9103, 8733.412195121951),
  share('U10', 'Rep 10', 9103, 8733.412195121955),
];

describe('the owners furthest off', () => {
  it('ties owners whose residuals differ by rounding only, and breaks the tie by name', () => {
    expect(owners[2]!.residual! - owners[3]!.residual!).toBeGreaterThan(0); // U16's is the larger by an ulp or so
    expect(furthestOff(owners).map((o) => o.ownerId)).toEqual(['U01', 'U10', 'U16']);
  });

  it('the floor ranks them the same way', () => {
    const names = new Map(owners.map((o) => [o.ownerId, o.owner]));
    expect(floorFurthestOff(owners, names)).toEqual(['U01', 'U10', 'U16']);
    // a real gap is not a tie: U23 is 0.07 behind
    expect(floorFurthestOff(owners, names, 4)).toEqual(['U01', 'U10', 'U16', 'U23']);
  });
});
