/**
 * Hostile and broken input: never a throw, always a document; unparseable files become one raw segment;
 * deep nesting and alias bombs return quickly.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { lintText, parseDocument, type FormatId } from '@promptlint/core';
import { parse } from './helpers.ts';

function timed<T>(fn: () => T): { value: T; ms: number } {
  const t = performance.now();
  const value = fn();
  return { value, ms: performance.now() - t };
}

describe('unparseable input', () => {
  const cases: [string, string, FormatId][] = [
    ['x.yaml', 'a: [b\nc: d: e\n', 'yaml'],
    ['x.yaml', 'key: "unterminated\n', 'yaml'],
    ['x.json', '{"a": }', 'json'],
    ['x.json', '{"a": "b"', 'json'],
    ['OAI_CONFIG_LIST', '[{"model": "x"},, ]', 'json'],
  ];
  for (const [path, text, format] of cases) {
    it(`${format}: ${JSON.stringify(text)} gives parseError and one raw segment`, () => {
      const doc = parse(text, path, format);
      assert.ok(doc.parseError, 'parseError set');
      assert.equal(doc.format, format);
      assert.equal(doc.segments.length, 1);
      assert.equal(doc.segments[0]!.context, 'raw');
      assert.equal(doc.segments[0]!.value, text);
      assert.ok(doc.parseError.offset >= 0 && doc.parseError.offset <= text.length);
    });
  }

  it('the linter reports a fatal parsing error, not a crash', async () => {
    const r = await lintText('{"mcpServers": {', { filePath: 'mcp.json' });
    assert.equal(r.fatalErrorCount, 1);
    assert.match(r.messages[0]!.message, /Parsing error/);
  });

  it('odd but valid shapes never throw in any adapter', () => {
    const texts = ['', ' ', '\n\n', 'null', '42', '"str"', '[]', '{}', '- a\n- b', '---\n---\n', '---\n', '\uFEFF{}', 'a: !!binary aGVsbG8=\nb: 2001-12-14\nc: !custom x', '[1, {"a": [true, null]}]', '{"lc": 1}', '{"lc": 1, "type": "constructor", "id": "x", "kwargs": []}', '{"manifest": {"lc": 1, "type": "secret"}}', '{"mcpServers": [1, "x", null]}', '{"nodes": [null, 1], "connections": {}}', '{"data": {"nodes": [{"data": {"node": {"template": {"x": null}}}}]}}'];
    for (const text of texts) {
      for (const format of ['markdown', 'text', 'prompty', 'dotprompt', 'yaml', 'json'] as const) {
        assert.doesNotThrow(() => parseDocument({ path: 'x', text }, format), `${format} ${JSON.stringify(text)}`);
      }
    }
  });
});

describe('hostile nesting', () => {
  it('10,000 levels of [ in JSON return quickly', () => {
    for (const text of ['['.repeat(10_000), '['.repeat(10_000) + ']'.repeat(10_000), '{"a":'.repeat(10_000)]) {
      const { value: doc, ms } = timed(() => parse(text, 'x.json'));
      assert.ok(ms < 1000, `${ms} ms`);
      assert.ok(doc.parseError);
      assert.equal(doc.segments[0]!.context, 'raw');
    }
  });

  it('10,000 levels of [ in YAML, and deep block nesting, return quickly', () => {
    const block = Array.from({ length: 3000 }, (_, i) => ' '.repeat(i) + 'k:').join('\n');
    const seq = Array.from({ length: 3000 }, (_, i) => ' '.repeat(i * 2) + '- ').join('\n') + 'x';
    for (const text of ['['.repeat(10_000), '['.repeat(10_000) + ']'.repeat(10_000), '{a: '.repeat(10_000), block, seq, '- '.repeat(10_000) + 'x']) {
      const { value: doc, ms } = timed(() => parse(text, 'x.yaml'));
      assert.ok(ms < 1000, `${ms} ms`);
      assert.ok(doc.parseError, 'refused as too deep');
    }
  });

  it('moderate nesting still parses', () => {
    const text = 'a:\n' + Array.from({ length: 50 }, (_, i) => ' '.repeat((i + 1) * 2) + `k${i}:`).join('\n') + ' v\nb: [[[[1]]]]\nc: ^[a-z]+[0-9]*$\n';
    const doc = parse(text, 'x.yaml');
    assert.equal(doc.parseError, undefined);
  });

  it('a YAML alias bomb (billion laughs) is never expanded', () => {
    const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 12; i++) {
      const name = String.fromCharCode(97 + i);
      const prev = String.fromCharCode(96 + i);
      lines.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    const { value: doc, ms } = timed(() => parse(lines.join('\n'), 'bomb.yaml'));
    assert.ok(ms < 1000, `${ms} ms`);
    assert.equal(doc.parseError, undefined);
    assert.equal(doc.segments.length, 9, 'only the anchored strings, once');
  });

  it('deeply nested Markdown falls back to plain prose (a note, not an error)', () => {
    for (const text of ['>'.repeat(10_000) + ' hi', Array.from({ length: 2000 }, (_, i) => ' '.repeat(i * 2) + '- x').join('\n'), '['.repeat(10_000) + 'x']) {
      const { value: doc, ms } = timed(() => parse(text, 'AGENTS.md'));
      assert.ok(ms < 1000, `${ms} ms`);
      assert.equal(doc.parseError, undefined);
      assert.ok(doc.segments.length >= 1);
      assert.equal(doc.segments.map((s) => s.value).join('').replace(/\s/g, '').length, text.replace(/\s/g, '').length, 'all text reaches the rules');
    }
  });

  it('front matter that is not YAML at all stays visible', () => {
    const text = '---\n' + '['.repeat(10_000) + '\nhidden instruction\n---\nbody';
    const { value: doc, ms } = timed(() => parse(text, 'x.md'));
    assert.ok(ms < 1000);
    assert.equal(doc.parseError, undefined);
    assert.ok(doc.segments.some((s) => s.context === 'front-matter' && s.value.includes('hidden instruction')));
  });
});
