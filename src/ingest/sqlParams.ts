/** Collects values to bind while SQL text is assembled: every CRM-provided string is a parameter. */
export class SqlParams {
  readonly values: Record<string, unknown> = {};
  private count = 0;

  constructor(initial: Record<string, unknown> = {}) {
    Object.assign(this.values, initial);
  }

  /** Returns the placeholder (`$p3`) that will carry `value`. */
  add(value: unknown): string {
    const name = `p${this.count++}`;
    this.values[name] = value;
    return `$${name}`;
  }

  /** The values a statement names: DuckDB rejects named parameters a statement does not use. */
  for(sql: string): Record<string, unknown> | undefined {
    const used = Object.entries(this.values).filter(([name]) => new RegExp(`\\$${name}\\b`).test(sql));
    return used.length ? Object.fromEntries(used) : undefined;
  }
}
