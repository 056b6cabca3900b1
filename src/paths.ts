/** Where the package's own files live, whether run from src/ (tests) or dist/src/ (the bin). */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

function findPackageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`revops-report: package.json not found above ${dir}`);
    dir = parent;
  }
  return dir;
}

export const packageRoot = findPackageRoot();
export const sqlPath = (relative: string) => resolve(packageRoot, 'sql', relative);
export const reportsPath = (relative: string) => resolve(packageRoot, 'reports', relative);
