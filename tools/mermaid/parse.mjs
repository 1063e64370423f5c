// Reads one Mermaid diagram on stdin and parses it with Mermaid's own parser (the one GitHub
// renders comments with): exit 0 and the diagram type on stdout, or exit 1 and the parser's
// message on stderr. Mermaid sanitizes text with DOMPurify, which needs a window: jsdom's,
// set before Mermaid is imported.
import { readFileSync } from 'node:fs';
import { JSDOM } from 'jsdom';

const dom = new JSDOM('<!doctype html><html><body></body></html>');
globalThis.window = dom.window;
globalThis.document = dom.window.document;
const { default: mermaid } = await import('mermaid');
const text = readFileSync(0, 'utf8');
try {
  const result = await mermaid.parse(text);
  console.log(result.diagramType);
} catch (error) {
  console.error(String((error && error.message) || error));
  process.exit(1);
}
