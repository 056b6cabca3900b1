/**
 * Post-processing of the SVG that Vega renders, before it is inlined into a report page.
 * Vega escapes text and attribute values itself; these checks are the second line of defence
 * (CRM labels are hostile input) and fix the one thing inlining breaks: element ids.
 */

/**
 * Vega names clip paths and gradients from process-wide counters (`clip7`, `gradient_0`): the same
 * chart gets different ids depending on what rendered before it, and two inlined charts can share
 * one id, so the second clips to the first's rectangle. Renumber every id in order of definition
 * under a per-chart prefix: deterministic output and no collisions within a page.
 */
export function scopeSvgIds(svg: string, prefix: string): string {
  if (!/^[A-Za-z][\w-]*$/.test(prefix)) throw new Error(`SVG id prefix must be a plain name: ${prefix}`);
  const renamed = new Map<string, string>();
  for (const [, id] of svg.matchAll(/\sid="([^"]+)"/g)) {
    if (id !== undefined && !renamed.has(id)) {
      const stem = id.replace(/[_-]?\d+$/, '') || 'id';
      renamed.set(id, `${prefix}${stem}-${renamed.size + 1}`);
    }
  }
  const to = (id: string) => renamed.get(id) ?? id;
  return svg
    .replace(/\sid="([^"]+)"/g, (_m, id: string) => ` id="${to(id)}"`)
    .replace(/url\(#([^)]+)\)/g, (_m, id: string) => `url(#${to(id)})`)
    .replace(/(\s(?:xlink:)?href)="#([^"]+)"/g, (_m, attr: string, id: string) => `${attr}="#${to(id)}"`);
}

// Elements that can run code, embed another document or fetch: never expected in a chart.
const forbiddenElements = new Set(['script', 'foreignobject', 'iframe', 'object', 'embed', 'image', 'use', 'a']);

/**
 * Throw unless the SVG is inert: no scripting elements, no event-handler attributes, no links
 * or references outside the document. Runs on every chart, so a Vega change or a spec that
 * introduces an href channel is caught instead of shipped.
 */
export function assertInertSvg(svg: string): void {
  // A start tag: name, then anything up to the `>` that is not inside a quoted value.
  const tag = /<([A-Za-z][\w:-]*)((?:[^>"]|"[^"]*")*)>/g;
  for (const match of svg.matchAll(tag)) {
    const name = (match[1] ?? '').toLowerCase();
    if (forbiddenElements.has(name)) throw new Error(`chart SVG contains a <${name}> element`);
    for (const attr of (match[2] ?? '').matchAll(/\s+([^\s=>/]+)(?:="([^"]*)")?/g)) {
      const attrName = (attr[1] ?? '').toLowerCase();
      const value = attr[2] ?? '';
      if (attrName.startsWith('on')) throw new Error(`chart SVG has an event handler attribute ${attrName}`);
      if (/href$/.test(attrName) && !value.startsWith('#')) throw new Error('chart SVG links outside itself');
      if (/url\((?!#)/i.test(value)) throw new Error('chart SVG references an external url()');
    }
  }
  if (/<!\[CDATA\[|<!DOCTYPE|<!ENTITY|<\?/i.test(svg)) throw new Error('chart SVG contains markup declarations');
}
