#!/usr/bin/env node
// The published entry point: the compiled CLI lives in dist/ (built by `npm ci` through `prepare`).
import module from 'node:module';

// Node keeps the compiled code of the CLI and its packages in its cache directory (the system's temp
// folder unless NODE_COMPILE_CACHE names one; NODE_DISABLE_COMPILE_CACHE=1 turns it off): every later
// run starts about 0.3 s of CPU sooner. Node 22.0 has no such cache.
module.enableCompileCache?.();
// on glibc, start once more with malloc's mmap threshold fixed, before DuckDB is loaded (src/allocator.ts)
const { tuneAllocator } = await import('../dist/src/allocator.js');
tuneAllocator();
const { main } = await import('../dist/src/cli.js');

// Benchmarks read the peak resident memory of a run from stderr.
if (process.env.REVOPS_PRINT_PEAK_RSS) {
  process.on('exit', () => {
    const usage = process.resourceUsage();
    process.stderr.write(`peak-rss-mb=${(usage.maxRSS / 1024).toFixed(0)} cpu-s=${((usage.userCPUTime + usage.systemCPUTime) / 1e6).toFixed(2)}\n`);
  });
}

// Output piped into a reader that stops early (`revops-report funnel | head`) ends the run quietly,
// as other command-line tools do, instead of with an EPIPE stack trace.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

process.exitCode = await main(process.argv);
