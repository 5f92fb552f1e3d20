/**
 * Raw offsets of decoded strings: every decoded index must land on the character it came from, whatever
 * escapes, quotes, folding, indentation or line endings stood in between.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { alignDecoded, rawOffset, rawRange, LineIndex } from '../../src/util/position.ts';
import { assertAligned, assertMapsTo, parse, segment } from './helpers.ts';

describe('JSON strings', () => {
  it('maps across \\u escapes, \\n and quotes', () => {
    const text = '{"system": "line one\\nsay \\u0022hi\\u0022 then evil\\tend"}';
    const doc = parse(text, 'x.json');
    const seg = segment(doc, 'system');
    assert.equal(seg.value, 'line one\nsay "hi" then evil\tend');
    assertMapsTo(text, seg, 'evil');
    assertMapsTo(text, seg, 'end');
    // The decoded quote maps onto its escape.
    const q = rawOffset(seg.map, seg.value.indexOf('"'));
    assert.equal(text.slice(q, q + 6), '\\u0022');
    // The decoded newline maps onto `\n`.
    const nl = rawOffset(seg.map, seg.value.indexOf('\n'));
    assert.equal(text.slice(nl, nl + 2), '\\n');
    assertAligned(doc);
  });

  it('maps surrogate pairs written as two \\u escapes', () => {
    const text = '{"a": "smile \\ud83d\\ude00 then evil"}';
    const doc = parse(text, 'x.json');
    const seg = segment(doc, 'a');
    assert.equal(seg.value, 'smile \u{1F600} then evil');
    const hi = rawOffset(seg.map, 6);
    const lo = rawOffset(seg.map, 7);
    assert.equal(text.slice(hi, hi + 6), '\\ud83d');
    assert.equal(text.slice(lo, lo + 6), '\\ude00');
    assertMapsTo(text, seg, 'evil');
    assertAligned(doc);
  });

  it('maps literal astral characters one unit to one unit', () => {
    const text = '{"a": "\u{1F600}\u{1F600} evil"}';
    const doc = parse(text, 'x.json');
    assertMapsTo(text, segment(doc, 'a'), 'evil');
  });

  it('maps escaped slashes and backslashes', () => {
    const text = String.raw`{"u": "C:\\path\\to https:\/\/evil.example\/x"}`;
    const doc = parse(text, 'x.json');
    const seg = segment(doc, 'u');
    assert.equal(seg.value, 'C:\\path\\to https://evil.example/x');
    assertMapsTo(text, seg, 'evil');
    assertMapsTo(text, seg, 'to');
    assertAligned(doc);
  });

  it('keeps JSONC comments out of values', () => {
    const text = '// header\n[\n  /* c */ {"model": "gpt-4", "base_url": "https://evil.example/v1"} // tail\n]';
    const doc = parse(text, 'OAI_CONFIG_LIST');
    assertMapsTo(text, segment(doc, '0.base_url'), 'evil');
    assert.equal(doc.comments.length, 3);
  });
});

describe('YAML scalars', () => {
  it('double-quoted escapes and folding', () => {
    const text = 'a: "tab\\there \\u00e9t\\u00e9 evil\n  folded  line\\\n  joined \\x41nd \\U0001F600 end"\n';
    const doc = parse(text, 'x.yaml');
    const seg = segment(doc, 'a');
    assert.equal(seg.value, 'tab\there \u00e9t\u00e9 evil folded  linejoined And \u{1F600} end');
    assertMapsTo(text, seg, 'evil');
    assertMapsTo(text, seg, 'folded');
    assertMapsTo(text, seg, 'joined');
    assertMapsTo(text, seg, 'nd');
    assertMapsTo(text, seg, 'end');
    const u = rawOffset(seg.map, seg.value.indexOf('\u{1F600}'));
    assert.equal(text.slice(u, u + 10), '\\U0001F600');
    assertAligned(doc);
  });

  it("single-quoted '' escapes", () => {
    const text = "a: '''quoted'' it''s evil, ''''twice'''' end'\n";
    const doc = parse(text, 'x.yaml');
    const seg = segment(doc, 'a');
    assert.equal(seg.value, "'quoted' it's evil, ''twice'' end");
    assertMapsTo(text, seg, 'quoted');
    assertMapsTo(text, seg, 'evil');
    assertMapsTo(text, seg, 'twice');
    assertMapsTo(text, seg, 'end');
    // Each decoded quote maps onto the first quote of its '' pair.
    const first = rawOffset(seg.map, 0);
    assert.equal(text.slice(first, first + 2), "''");
    assert.equal(first, 4);
    const q = seg.value.indexOf("''");
    assert.equal(rawOffset(seg.map, q + 1) - rawOffset(seg.map, q), 2);
    assertAligned(doc);
  });

  it('single-quoted multi-line folding', () => {
    const text = "a: 'one\n   two\n\n   three evil'\n";
    const doc = parse(text, 'x.yaml');
    const seg = segment(doc, 'a');
    assert.equal(seg.value, 'one two\nthree evil');
    assertMapsTo(text, seg, 'two');
    assertMapsTo(text, seg, 'three');
    assertMapsTo(text, seg, 'evil');
    assertAligned(doc);
  });

  it('plain multi-line scalars', () => {
    const text = 'k:\n  v: first line\n     second   line\n\n     evil third\n';
    const doc = parse(text, 'x.yaml');
    const seg = segment(doc, 'k.v');
    assert.equal(seg.value, 'first line second   line\nevil third');
    assertMapsTo(text, seg, 'second');
    assertMapsTo(text, seg, 'evil');
    assertMapsTo(text, seg, 'third');
    assertAligned(doc);
  });

  it('block literal | keeps more-indented lines exact', () => {
    const text = 'system: |\n  You are helpful.\n    indented evil\n\n  last line\n';
    const doc = parse(text, 'x.yaml');
    const seg = segment(doc, 'system');
    assert.equal(seg.value, 'You are helpful.\n  indented evil\n\nlast line\n');
    assertMapsTo(text, seg, 'evil');
    assertMapsTo(text, seg, 'last');
    // The two kept spaces map onto the two content columns, not onto the indentation.
    const sp = seg.value.indexOf('  indented');
    assert.equal(rawOffset(seg.map, sp), text.indexOf('    indented') + 2);
    assertAligned(doc);
  });

  it('block literal with an indentation indicator and strip chomping', () => {
    const text = 'items:\n  - text: |2-\n       four spaces evil\n      two\n';
    const doc = parse(text, 'x.yaml');
    const seg = segment(doc, 'items.0.text');
    assert.equal(seg.value, ' four spaces evil\ntwo');
    assertMapsTo(text, seg, 'evil');
    assertMapsTo(text, seg, 'two');
    assertAligned(doc);
  });

  it('block folded > scalars', () => {
    const text = 'd: >\n  folded one\n  folded two\n\n  para evil\n    kept\n  end\n';
    const doc = parse(text, 'x.yaml');
    const seg = segment(doc, 'd');
    assert.equal(seg.value, 'folded one folded two\npara evil\n  kept\nend\n');
    assertMapsTo(text, seg, 'two');
    assertMapsTo(text, seg, 'evil');
    assertMapsTo(text, seg, 'kept');
    assertMapsTo(text, seg, 'end');
    assertAligned(doc);
  });

  it('CRLF line endings in every scalar style', () => {
    const text = [
      'lit: |',
      '  one',
      '    two evil',
      'fold: >',
      '  a',
      '  b evil',
      'plain: x',
      '  y evil',
      'dq: "p',
      '  q evil"',
      "sq: 'r",
      "  s evil'",
      '',
    ].join('\r\n');
    const doc = parse(text, 'x.yaml');
    assert.equal(segment(doc, 'lit').value, 'one\n  two evil\n');
    assert.equal(segment(doc, 'fold').value, 'a b evil\n');
    for (const k of ['lit', 'fold', 'plain', 'dq', 'sq']) assertMapsTo(text, segment(doc, k), 'evil');
    assertMapsTo(text, segment(doc, 'lit'), 'two');
    assertAligned(doc);
    // Lines are counted once per CRLF.
    const lines = new LineIndex(text);
    assert.equal(lines.locate(text.indexOf('two')).line, 3);
  });

  it('keys with anchors, tags and comments do not shift values', () => {
    const text = 'base: &b\n  x: !!str "t\\u0065st evil" # note\nother: *b\n';
    const doc = parse(text, 'x.yaml');
    assertMapsTo(text, segment(doc, 'base.x'), 'evil');
    assertMapsTo(text, segment(doc, 'base.x'), 'st evil');
  });
});

describe('front matter values', () => {
  it('maps YAML front matter values and the lenient fallback', () => {
    const text = '---\r\ndescription: "Use \\"evil\\" rules"\r\nglobs: **/*.ts\r\nalwaysApply: false\r\n---\r\n# Body\r\n';
    const doc = parse(text, '.cursor/rules/x.mdc');
    assert.equal(doc.parseError, undefined);
    assertMapsTo(text, segment(doc, 'description'), 'evil');
    assertMapsTo(text, segment(doc, 'globs'), '**/*.ts');
    assertAligned(doc);
  });
});

describe('alignDecoded', () => {
  it('is identity when raw and decoded agree', () => {
    assert.deepEqual(alignDecoded('abc', 10, 'abc', 'json'), { base: 10 });
  });

  it('never throws and stays monotonic on mismatched input', () => {
    const cases: [string, string][] = [
      ['', 'abc'],
      ['abc', ''],
      ['\\', 'x'],
      ['\\u12', '\u0012'],
      ['\\ud83d', '\ud83d'],
      ["''", "'"],
      ['\r\n\r\n', '\n'],
      ['zzzz', 'abcd'],
      ['a\\', 'a\\'],
    ];
    for (const [raw, decoded] of cases) {
      for (const style of ['json', 'double', 'single', 'plain', 'literal', 'folded'] as const) {
        const map = alignDecoded(raw, 5, decoded, style);
        let prev = 0;
        for (let i = 0; i <= decoded.length; i++) {
          const o = rawOffset(map, i);
          assert.ok(o >= 5 && o <= 5 + raw.length, `${style} ${JSON.stringify(raw)}: offset ${o}`);
          assert.ok(o >= prev);
          prev = o;
        }
      }
    }
  });

  it('is linear on long inputs', () => {
    const raw = 'a\\n'.repeat(200_000) + 'x'.repeat(100_000);
    const decoded = 'a\n'.repeat(200_000) + 'y'.repeat(100_000);
    const t = performance.now();
    alignDecoded(raw, 0, decoded, 'json');
    assert.ok(performance.now() - t < 1000);
  });

  it('rawRange covers the raw text of a decoded range', () => {
    const text = '"a\\u0062c"';
    const map = alignDecoded(text.slice(1, -1), 1, 'abc', 'json');
    assert.deepEqual(rawRange(map, 1, 2), { start: 2, end: 8 });
  });
});
