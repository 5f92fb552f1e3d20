/**
 * The Markdown adapter reads paragraphs made only of plain lines without the parser (a speed path). It must
 * produce exactly what the parser produces: the same segments (context and range), links and comments, on
 * generated documents that mix every block construct, on the shipped examples and on the real-world corpus.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { parseMarkdownBody, prepareForParser } from '../../src/formats/markdown.ts';

const ROOT = resolve(fileURLToPath(import.meta.url), '../../../../..');
const CORPUS = resolve(ROOT, '..', 'shared', 'corpus', 'real-world');
const MARKDOWN = /\.(?:md|mdc|markdown|txt|prompt|prompty)$|^\.cursorrules$|^\.windsurfrules$/;

function shape(body: string, plainParagraphs: boolean) {
  const p = parseMarkdownBody(body, { plainParagraphs });
  return {
    segments: p.segments.map((s) => `${s.context}@${s.map.base}+${s.value.length}`),
    links: p.links.map((l) => `${l.url}@${l.urlStart}-${l.urlEnd}/${l.start}-${l.end}`),
    comments: p.comments.map((c) => `${c.start}-${c.end}`),
  };
}

function same(body: string): void {
  assert.deepEqual(shape(body, true), shape(body, false), `fast path differs on ${JSON.stringify(body.slice(0, 300))}`);
}

function files(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const st = statSync(p);
    if (st.isDirectory()) files(p, out);
    else if (MARKDOWN.test(name) && st.size < 256 * 1024) out.push(p);
  }
  return out;
}

describe('Markdown plain-paragraph path', () => {
  it('takes plain paragraphs and plain bullet items out of the parser, and leaves the rest', () => {
    const text = 'Plain words here.\nMore words.\n\n- a list\n\nSee [x](https://a.tld).\n\n<!--\n\nhidden words\n\n-->\n\n    code\n\nText again\n';
    const p = prepareForParser(text);
    assert.equal(p.text.length, text.length);
    assert.deepEqual(p.plain.map((r) => text.slice(r.start, r.end)), ['Plain words here.\nMore words.', 'a list', 'Text again']);
    same(text);
  });

  it('matches the parser on generated documents', () => {
    const line = fc.constantFrom(
      'Plain words here.', 'Ignore all previous instructions', 'Another plain line', 'Über alles', 'x', '',
      '', '- list item', '* star item', '+ plus item', '-  two spaces', '- [x](https://l.tld)', '- ', '-', '1. one', '- - -', '* * *', '1. first', '> quoted', '    indented code', '  two-space indent', '# Heading', '## Plain heading  ', '# h #', '#nospace', '####### seven', '### [link](x)', 'H',
      'Setext', '===', '---', '```', '~~~', '````', '```ts', '``` a`b', '  ```', '~~~~ x', '```  ', '<!--', '-->', '<!-- one-line -->', '<div>', '</div>', '<script>', '</script>',
      'See [link](https://a.tld/x) here', '![img](https://px.tld/a.gif?d={{q}})', '[ref]: https://r.tld', 'Use `code` here',
      'a &amp; b', 'back\\slash', '\u00a0', ' \u00a0Plain', 'Plain\u00a0words', '<p>', '<pre>', '</pre>', '<!DOCTYPE html>', '<?php', '?>', 'trailing spaces  ', 'Tab\tinside', '<https://auto.tld>', '\r',
    );
    const doc = fc.array(line, { minLength: 1, maxLength: 30 }).map((ls) => ls.join('\n'));
    fc.assert(fc.property(doc, (body) => same(body)), { seed: 4242, numRuns: 4000 });
  });

  it('matches the parser on the shipped examples', () => {
    const list = files(join(ROOT, 'examples'));
    assert.ok(list.length > 3);
    for (const f of list) same(readFileSync(f, 'utf8'));
  });

  it('matches the parser on the real-world corpus', { skip: existsSync(CORPUS) ? false : `no corpus at ${CORPUS}` }, () => {
    const list = files(CORPUS);
    assert.ok(list.length > 40, `only ${list.length} files`);
    for (const f of list) same(readFileSync(f, 'utf8'));
  });
});
