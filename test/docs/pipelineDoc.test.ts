/** docs/pipeline.md says every definition the pipeline page shows, in the same words. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { pipelineDefinitions } from '../../src/pipeline/definitions.js';

const page = readFileSync(fileURLToPath(new URL('../../docs/pipeline.md', import.meta.url)), 'utf8');
const words = (text: string) => text.replace(/[*`]/g, '').replace(/\s+/g, ' ').replace(/’/g, "'");

describe('docs/pipeline.md', () => {
  it.each(pipelineDefinitions.map((d) => [d.term, d.text]))('defines %s as the page does', (term, text) => {
    const doc = words(page);
    expect(doc).toContain(`${term}: `);
    expect(doc).toContain(words(text.charAt(0).toLowerCase() + text.slice(1)));
  });
});
