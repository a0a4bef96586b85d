import { parseDocument } from 'yaml';

/** YAML that cannot be read, with a reason a person can act on (the caller names the file). */
export class YamlError extends Error {}

/** Aliases resolved per document: enough for any hand-written file, far below a "billion laughs". */
const MAX_ALIASES = 1000;

/**
 * Parses YAML text to plain data, refusing what would exhaust memory or the stack: alias
 * expansion beyond a bound ("billion laughs") and nesting too deep to walk. Custom tags are never
 * executed (the `yaml` library has no executable tags); unknown ones are reported as errors.
 */
export function readYaml(text: string): unknown {
  try {
    const doc = parseDocument(text, { prettyErrors: true });
    if (doc.errors.length > 0) throw new YamlError(`bad YAML: ${doc.errors.map((e) => e.message.split('\n')[0]).join('; ')}`);
    return doc.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (err) {
    if (err instanceof YamlError) throw err;
    if (err instanceof RangeError) throw new YamlError('bad YAML: nested too deeply to read');
    const msg = String((err as Error)?.message ?? err).split('\n')[0];
    if (/alias/i.test(msg)) throw new YamlError(`bad YAML: too many alias expansions (over ${MAX_ALIASES}; a "billion laughs" file?)`);
    throw new YamlError(`bad YAML: ${msg}`);
  }
}
