/**
 * `--quiet` and `--log-format` on every command, and the progress form they pick (src/progress.ts):
 * one place, so every command reads them the same way.
 */
import { type Command, Option } from 'commander';
import { usageError } from './errors.js';
import { type LogFormat, logFormats, progress, startProgress, stopProgress } from './progress.js';

/** Adds the two options to every command (and subcommand) that does not declare them itself. */
export function addProgressOptions(program: Command): void {
  for (const command of program.commands) {
    if (command.commands.length > 0) addProgressOptions(command);
    const has = (flag: string) => command.options.some((o) => o.long === flag);
    if (!has('--quiet')) command.option('--quiet', 'no progress on the terminal');
    if (!has('--log-format')) {
      command.addOption(
        new Option('--log-format <format>', 'text (progress on a terminal, nothing otherwise) or json (progress events, one JSON object a line on stderr)')
          .choices([...logFormats])
          .default('text'),
      );
    }
  }
}

const fullName = (command: Command): string => (command.parent?.parent ? `${fullName(command.parent)} ${command.name()}` : command.name());

const guards: (() => void)[] = [];

/** After a command: the progress line cleared, stdout and stderr as they were. */
export function stopCommandProgress(): void {
  stopProgress();
  for (const unguard of guards.splice(0)) unguard();
}

/** Anything else written to the stream clears the progress line first, so it never runs into it. */
function guard(stream: NodeJS.WriteStream): void {
  const write = stream.write;
  stream.write = ((...args: Parameters<typeof write>) => {
    progress().done();
    return write.apply(stream, args);
  }) as typeof stream.write;
  guards.push(() => {
    stream.write = write;
  });
}

/** Before a command runs: the progress form its options and the terminal call for. */
export function startCommandProgress(command: Command): void {
  const opts = command.opts<{ quiet?: boolean; logFormat?: string }>();
  const format = (opts.logFormat ?? 'text') as LogFormat;
  if (!logFormats.includes(format)) throw usageError(`--log-format must be ${logFormats.join(' or ')}`);
  const name = fullName(command);
  // build writes nothing else to stdout and logs its own steps there; every other command's stdout
  // is its result (a report, a load summary), which must stay one parseable document
  const isBuild = name === 'build';
  // build draws its own progress line on a terminal (src/build/log.ts)
  const quiet = Boolean(opts.quiet) || isBuild;
  const tty = Boolean(process.stderr.isTTY);
  // the progress line's own writes, past the guard below
  const stderr = process.stderr.write.bind(process.stderr);
  startProgress({
    command: name,
    format,
    quiet,
    tty,
    columns: process.stderr.columns,
    stderr: (text) => void stderr(text),
    json: (text) => void (isBuild ? process.stdout : process.stderr).write(text),
  });
  if (format === 'text' && tty && !quiet && guards.length === 0) {
    guard(process.stderr);
    // a result printed on the same screen
    if (process.stdout.isTTY) guard(process.stdout);
  }
}
