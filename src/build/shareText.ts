/**
 * Text a build publishes on the share (manifest.json, index.html) is read by everyone who opens
 * the folder: it names files relative to the inbox and quotes nothing from inside them. The full
 * message still goes to stderr and the JSON log, which only the operator sees.
 */

export interface Place {
  path: string;
  /** what the share calls it, e.g. `inbox` */
  label: string;
}

/** `text` with known folders by their labels, other absolute paths by their last part, and no header values quoted from a file. */
export function shareSafe(text: string, places: Place[]): string {
  let safe = text;
  for (const { path, label } of [...places].filter((p) => p.path.length > 1).sort((a, b) => b.path.length - a.path.length)) {
    safe = safe.split(path).join(label);
  }
  // any other absolute path (the warehouse, a temporary copy): only its last part
  safe = safe.replace(/(^|[\s"'(=[])\/(?:[^\s"'(),;:[\]]+\/)+([^\s"'(),;:[\]]*)/g, '$1$2');
  // the header the loader found is the file's own content
  return safe.replace(/columns found: [\s\S]*?(?=; closest: |$)/g, 'columns found: (see the build log)');
}
