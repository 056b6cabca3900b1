// Module hook for the kill test's child process: our sources import './x.js' (ESM for the build);
// run from source under --experimental-strip-types, that file is './x.ts'.
export async function resolve(specifier, context, next) {
  try {
    return await next(specifier, context);
  } catch (error) {
    if (specifier.startsWith('.') && specifier.endsWith('.js')) return next(`${specifier.slice(0, -3)}.ts`, context);
    throw error;
  }
}
