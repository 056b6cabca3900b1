/**
 * How wide a terminal table may be. On a terminal it is the window's width (Node reads it from the
 * TTY); when output is piped, a COLUMNS the shell exported is honoured (scripts and `watch` set
 * it), and without one there is no limit: a table written to a file or a pager keeps every
 * column. `--wide` always shows every column.
 */
export interface WidthSource {
  isTTY?: boolean;
  columns?: number;
}

export function tableWidth(wide: boolean | undefined, stdout: WidthSource = process.stdout, env: NodeJS.ProcessEnv = process.env): number | undefined {
  if (wide) return undefined;
  if (stdout.isTTY && stdout.columns && stdout.columns > 0) return stdout.columns;
  const fromEnv = Number(env.COLUMNS);
  return Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : undefined;
}
