/** The tool's name and version, as reports and manifests print it. */
import { readFileSync } from 'node:fs';
import { packageRoot } from './paths.js';

export const version = (JSON.parse(readFileSync(`${packageRoot}/package.json`, 'utf8')) as { version: string }).version;
export const generatedBy = `revops-report ${version}`;
