/**
 * Strings in JS/TS source as core text: a string literal, a template literal's text parts, or a `const` bound to
 * one in the same file, each with an offset map from its decoded value back to the raw characters in the file,
 * so a finding inside a literal points at its own column (escapes included).
 */
import { ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import type { OffsetMap, StringField, TextSegment } from '@promptlint/core';

export interface CodeString {
  /** Decoded value. */
  readonly value: string;
  /** Decoded index → raw file offset. */
  readonly map: OffsetMap;
  /** Raw range of the text (quotes excluded). */
  readonly start: number;
  readonly end: number;
  /** The node the text was written in (the literal, or the const's initialiser). */
  readonly node: TSESTree.Node;
  /** Text of a template literal next to an interpolation, or a const resolved from elsewhere. */
  readonly partial: boolean;
}

const SIMPLE: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f', v: '\v' };
const HEX = /^[0-9a-fA-F]+$/;

/**
 * Decode the raw body of a JS string or template text, mapping each decoded UTF-16 unit to the raw offset of
 * the character or escape it came from. Linear. Returns undefined on a sequence it does not model.
 */
export function decodeJsString(raw: string, base: number, template: boolean): { value: string; offsets: Int32Array } | undefined {
  const out: string[] = [];
  const offs: number[] = [];
  let i = 0;
  const push = (s: string, at: number) => {
    for (let k = 0; k < s.length; k++) {
      out.push(s[k]!);
      offs.push(base + at);
    }
  };
  while (i < raw.length) {
    const c = raw[i]!;
    if (c === '\\') {
      const n = raw[i + 1];
      if (n === undefined) return undefined;
      if (n in SIMPLE) {
        push(SIMPLE[n]!, i);
        i += 2;
      } else if (n === '\r') {
        i += raw[i + 2] === '\n' ? 3 : 2;
      } else if (n === '\n' || n === '\u2028' || n === '\u2029') {
        i += 2;
      } else if (n === 'x') {
        const h = raw.slice(i + 2, i + 4);
        if (h.length !== 2 || !HEX.test(h)) return undefined;
        push(String.fromCharCode(Number.parseInt(h, 16)), i);
        i += 4;
      } else if (n === 'u') {
        let cp: number;
        let len: number;
        if (raw[i + 2] === '{') {
          const close = raw.indexOf('}', i + 3);
          if (close < 0 || close - (i + 3) > 8) return undefined;
          const h = raw.slice(i + 3, close);
          if (!h || !HEX.test(h)) return undefined;
          cp = Number.parseInt(h, 16);
          len = close + 1 - i;
        } else {
          const h = raw.slice(i + 2, i + 6);
          if (h.length !== 4 || !HEX.test(h)) return undefined;
          cp = Number.parseInt(h, 16);
          len = 6;
        }
        if (cp > 0x10ffff) return undefined;
        push(String.fromCodePoint(cp), i);
        i += len;
      } else if (n >= '0' && n <= '7') {
        if (n === '0' && !(raw[i + 2]! >= '0' && raw[i + 2]! <= '9')) {
          push('\0', i);
          i += 2;
          continue;
        }
        if (template) return undefined;
        // Legacy octal escape (sloppy-mode string literals): up to three digits, value ≤ 0o377.
        let j = i + 1;
        let v = 0;
        while (j < raw.length && j < i + 4 && raw[j]! >= '0' && raw[j]! <= '7' && v * 8 + Number(raw[j]) <= 0o377) v = v * 8 + Number(raw[j++]);
        push(String.fromCharCode(v), i);
        i = j;
      } else {
        // `\'`, `\"`, `` \` ``, `\$`, `\\` and identity escapes.
        push(n, i);
        i += 2;
      }
      continue;
    }
    if (template && c === '\r') {
      // Template literals normalise CRLF and CR to LF.
      push('\n', i);
      i += raw[i + 1] === '\n' ? 2 : 1;
      continue;
    }
    push(c, i);
    i++;
  }
  const offsets = new Int32Array(offs.length + 1);
  offsets.set(offs);
  offsets[offs.length] = base + raw.length;
  return { value: out.join(''), offsets };
}

function mapFor(raw: string, start: number, expected: string, template: boolean): OffsetMap {
  if (raw === expected) return { base: start };
  const d = decodeJsString(raw, start, template);
  if (d && d.value === expected) return { base: start, offsets: d.offsets };
  // A sequence the decoder does not model: every position degrades to the start of the text.
  return { base: start, offsets: new Int32Array(expected.length + 1).fill(start) };
}

type Source = Readonly<TSESLint.SourceCode> | { text: string; getScope?: (node: TSESTree.Node) => TSESLint.Scope.Scope };

/** A string literal's text. */
export function literalString(node: TSESTree.StringLiteral): CodeString {
  const start = node.range[0] + 1;
  const end = node.range[1] - 1;
  const raw = node.raw.slice(1, -1);
  return { value: node.value, map: mapFor(raw, start, node.value, false), start, end, node, partial: false };
}

/** A template literal's text part (its cooked value; undefined for an invalid escape in a tagged template). */
export function templateString(element: TSESTree.TemplateElement, text: string, partial: boolean): CodeString | undefined {
  const cooked = element.value.cooked;
  if (cooked === null || cooked === undefined) return undefined;
  const raw = element.value.raw;
  // Parsers differ on whether the element's range includes the delimiters (`` ` ``, `}`, `${`): find the raw text.
  let start = element.range[0];
  if (text.slice(start, start + raw.length) !== raw || (raw === '' && (text[start] === '`' || text[start] === '}'))) start += 1;
  return { value: cooked, map: mapFor(raw, start, cooked, true), start, end: start + raw.length, node: element, partial };
}

/** Unwrap TS-only wrappers (`as const`, `satisfies`, `!`) and parentheses. */
export function unwrap(node: TSESTree.Node): TSESTree.Node {
  let n = node;
  for (let k = 0; k < 10; k++) {
    if (n.type === 'TSAsExpression' || n.type === 'TSSatisfiesExpression' || n.type === 'TSNonNullExpression' || n.type === 'TSTypeAssertion') n = n.expression;
    else break;
  }
  return n;
}

/** The initialiser of a `const` bound in this file, if `node` is an identifier that names one. */
export function constInit(node: TSESTree.Identifier, sourceCode: Source): TSESTree.Expression | undefined {
  const getScope = (sourceCode as { getScope?: (n: TSESTree.Node) => TSESLint.Scope.Scope }).getScope;
  if (!getScope) return undefined;
  let scope: TSESLint.Scope.Scope;
  try {
    scope = getScope.call(sourceCode, node);
  } catch {
    return undefined;
  }
  const variable = ASTUtils.findVariable(scope, node);
  if (!variable || variable.defs.length !== 1) return undefined;
  const def = variable.defs[0]!;
  if (def.type !== 'Variable' || def.parent?.type !== 'VariableDeclaration' || def.parent.kind !== 'const') return undefined;
  const decl = def.node as TSESTree.VariableDeclarator;
  if (decl.id.type !== 'Identifier' || !decl.init) return undefined;
  return decl.init;
}

/**
 * The text parts of an expression: a string literal, a template literal's parts, `a + b` concatenations, and a
 * `const` bound in the same file to any of these (followed a few hops). Other expressions contribute nothing.
 */
export function stringParts(expr: TSESTree.Node, sourceCode: Source, depth = 0, resolved = false): CodeString[] {
  if (depth > 8) return [];
  const node = unwrap(expr);
  switch (node.type) {
    case 'Literal':
      if (typeof node.value === 'string') {
        const s = literalString(node as TSESTree.StringLiteral);
        return [resolved ? { ...s, partial: true } : s];
      }
      return [];
    case 'TemplateLiteral': {
      const partial = resolved || node.expressions.length > 0;
      return node.quasis.flatMap((q) => {
        const s = templateString(q, sourceCode.text, partial);
        return s && s.value ? [s] : [];
      });
    }
    case 'BinaryExpression':
      if (node.operator !== '+') return [];
      return [...stringParts(node.left, sourceCode, depth + 1, resolved), ...stringParts(node.right, sourceCode, depth + 1, resolved)];
    case 'Identifier': {
      const init = constInit(node, sourceCode);
      return init ? stringParts(init, sourceCode, depth + 1, true) : [];
    }
    default:
      return [];
  }
}

/** A core text segment over a code string (offsets are file offsets). */
export function toSegment(s: CodeString, context: TextSegment['context'], path: readonly (string | number)[] = []): TextSegment {
  return { value: s.value, context, path, map: s.map };
}

/** A core string field over a code string (for model nodes). */
export function toField(s: CodeString, key: string, path: readonly (string | number)[]): StringField {
  return { key, path, value: s.value, start: s.start, end: s.end, map: s.map };
}

/** A property's static name (`a`, `"a"`, `` [`a`] ``). */
export function propName(p: TSESTree.Property | TSESTree.MethodDefinition | TSESTree.PropertyDefinition): string | undefined {
  if (!p.computed && p.key.type === 'Identifier') return p.key.name;
  if (p.key.type === 'Literal' && (typeof p.key.value === 'string' || typeof p.key.value === 'number')) return String(p.key.value);
  if (p.key.type === 'TemplateLiteral' && p.key.expressions.length === 0) return p.key.quasis[0]?.value.cooked ?? undefined;
  return undefined;
}

/** The object literal an expression is (or a `const` in this file bound to one). */
export function objectOf(expr: TSESTree.Node | undefined, sourceCode: Source, depth = 0): TSESTree.ObjectExpression | undefined {
  if (!expr || depth > 4) return undefined;
  const n = unwrap(expr);
  if (n.type === 'ObjectExpression') return n;
  if (n.type === 'Identifier') return objectOf(constInit(n, sourceCode), sourceCode, depth + 1);
  return undefined;
}

/** The array literal an expression is (or a `const` in this file bound to one). */
export function arrayOf(expr: TSESTree.Node | undefined, sourceCode: Source, depth = 0): TSESTree.ArrayExpression | undefined {
  if (!expr || depth > 4) return undefined;
  const n = unwrap(expr);
  if (n.type === 'ArrayExpression') return n;
  if (n.type === 'Identifier') return arrayOf(constInit(n, sourceCode), sourceCode, depth + 1);
  return undefined;
}

/** A property of an object literal by name (the last one wins, as at run time). */
export function prop(obj: TSESTree.ObjectExpression | undefined, name: string): TSESTree.Property | undefined {
  if (!obj) return undefined;
  let found: TSESTree.Property | undefined;
  for (const p of obj.properties) if (p.type === 'Property' && propName(p) === name) found = p;
  return found;
}

/** The name a callee is written with: `f` for `f()`, `x.y.f` → `f`; and the object's name for `obj.f`. */
export function calleeName(callee: TSESTree.Node): { name?: string; object?: string } {
  const c = unwrap(callee);
  if (c.type === 'Identifier') return { name: c.name };
  if (c.type === 'MemberExpression' && !c.computed && c.property.type === 'Identifier') {
    const o = unwrap(c.object);
    return { name: c.property.name, object: o.type === 'Identifier' ? o.name : o.type === 'MemberExpression' && !o.computed && o.property.type === 'Identifier' ? o.property.name : undefined };
  }
  return {};
}

/** Boolean literal value of an expression (or a const bound to one). */
export function booleanOf(expr: TSESTree.Node | undefined, sourceCode: Source): boolean | undefined {
  if (!expr) return undefined;
  const n = unwrap(expr);
  if (n.type === 'Literal' && typeof n.value === 'boolean') return n.value;
  if (n.type === 'Identifier') {
    const init = constInit(n, sourceCode);
    return init ? booleanOf(init, sourceCode) : undefined;
  }
  return undefined;
}
