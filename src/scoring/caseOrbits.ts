/**
 * Case-insensitive matching the way RE2 does it, spelled out for PostgreSQL. RE2's `(?i)` treats
 * two characters as equal when Unicode simple case folding maps them to the same letter (`k`, `K`
 * and the Kelvin sign K; `σ`, `ς` and `Σ`). PostgreSQL's `(?i)` asks the server's locale for one
 * upper and one lower case instead, so `(?i)k` misses K and `(?i)σ` misses `ς`. The translation
 * therefore never uses PostgreSQL's `(?i)`: it writes each letter as the bracket of its fold orbit.
 */

/** Code points up to here cover every cased script Unicode has (Adlam ends at U+1E94B). */
const lastCased = 0x1ffff;

let orbits: Map<number, number[]> | undefined;
let distinct: number[][] | undefined;

/** The characters RE2 `(?i)` matches for `cp`, itself included; `[cp]` when it has no case. */
export function caseOrbit(cp: number): number[] {
  return foldOrbits().get(cp) ?? [cp];
}

/** Every orbit with more than one member (each listed once), for widening a character class. */
export function allCaseOrbits(): number[][] {
  distinct ??= [...new Set(foldOrbits().values())];
  return distinct;
}

function foldOrbits(): Map<number, number[]> {
  orbits ??= buildOrbits();
  return orbits;
}

/**
 * Candidates first: characters linked by single-character upper/lower case mappings. Then each
 * group is split by JavaScript's own `ui` regex equality, which is defined by simple case folding
 * (CaseFolding.txt), the table RE2 folds by: `ı` upper-cases to `I` but folds to nothing.
 */
function buildOrbits(): Map<number, number[]> {
  const parent = new Map<number, number>();
  const root = (x: number): number => {
    let r = x;
    while (parent.has(r) && parent.get(r) !== r) r = parent.get(r)!;
    parent.set(x, r);
    return r;
  };
  for (let cp = 0; cp <= lastCased; cp++) {
    const ch = String.fromCodePoint(cp);
    for (const mapped of [ch.toLowerCase(), ch.toUpperCase()]) {
      if (mapped === ch) continue;
      const other = mapped.codePointAt(0)!;
      if (mapped.length !== String.fromCodePoint(other).length || other > lastCased) continue;
      parent.set(root(cp), root(other));
    }
  }
  const groups = new Map<number, number[]>();
  for (const cp of [...parent.keys()].sort((a, b) => a - b)) {
    const group = groups.get(root(cp));
    if (group) group.push(cp);
    else groups.set(root(cp), [cp]);
  }
  const result = new Map<number, number[]>();
  for (const members of groups.values()) {
    let rest = members;
    while (rest.length > 0) {
      const probe = new RegExp(`^\\u{${rest[0]!.toString(16)}}$`, 'ui');
      const orbit = rest.filter((cp) => probe.test(String.fromCodePoint(cp)));
      rest = rest.filter((cp) => !orbit.includes(cp));
      if (orbit.length > 1) for (const cp of orbit) result.set(cp, orbit);
    }
  }
  return result;
}
