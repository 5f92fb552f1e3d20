/**
 * Static checks over our own code, used by no-network.test.ts and no-exec.test.ts: every way a module loads
 * another one, reaches a network global or evaluates code, found with the TypeScript parser (so a word in a
 * string, a comment or a regex of a rule is never mistaken for a call). Works on our TypeScript sources and on
 * the esbuild bundles in dist/.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

export interface Site {
  /** Path relative to the repository root. */
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** The source text of the call or reference (shortened). */
  readonly text: string;
  /** Name of the nearest enclosing named function, if any. */
  readonly fn?: string;
}

export interface ModuleLoad extends Site {
  readonly kind: 'import' | 'export-from' | 'dynamic-import' | 'require' | 'getBuiltinModule';
  /** The module specifier when it is a string literal; undefined when it is computed at run time. */
  readonly specifier?: string;
}

export interface ScanResult {
  readonly loads: ModuleLoad[];
  /** References to fetch, XMLHttpRequest, WebSocket, EventSource as values. */
  readonly networkGlobals: Site[];
  /** eval(...), new Function(...) / Function(...), and property access on an import of `vm`. */
  readonly codeEvaluation: Site[];
}

const NETWORK_GLOBALS = new Set(['fetch', 'XMLHttpRequest', 'WebSocket', 'EventSource']);
const GLOBAL_OBJECTS = new Set(['globalThis', 'global', 'window', 'self']);
const REQUIRE_NAMES = new Set(['require', '__require']);

/** Node built-ins that open sockets or resolve names (a bare specifier or with `node:`; subpaths included). */
export const NETWORK_MODULES = ['net', 'http', 'https', 'http2', 'dns', 'tls', 'dgram', 'undici'] as const;
/** Node built-ins that run other programs or code. */
export const EXEC_MODULES = ['child_process', 'vm', 'worker_threads', 'cluster', 'wasi', 'repl'] as const;

/** `node:dns/promises` → `dns`. */
export function builtinBase(specifier: string): string {
  return specifier.replace(/^node:/, '').split('/')[0]!;
}

function shorten(s: string): string {
  const one = s.replace(/\s+/g, ' ');
  return one.length > 120 ? `${one.slice(0, 117)}...` : one;
}

function enclosingFunctionName(node: ts.Node): string | undefined {
  for (let p: ts.Node | undefined = node.parent; p; p = p.parent) {
    if ((ts.isFunctionDeclaration(p) || ts.isMethodDeclaration(p) || ts.isFunctionExpression(p)) && p.name) return p.name.getText();
    if ((ts.isArrowFunction(p) || ts.isFunctionExpression(p)) && ts.isVariableDeclaration(p.parent)) return p.parent.name.getText();
  }
  return undefined;
}

function isNamePosition(node: ts.Identifier): boolean {
  const p = node.parent;
  if (ts.isPropertyAccessExpression(p) && p.name === node) return !(ts.isIdentifier(p.expression) && GLOBAL_OBJECTS.has(p.expression.text));
  if ((ts.isPropertyAssignment(p) || ts.isMethodDeclaration(p) || ts.isPropertyDeclaration(p) || ts.isPropertySignature(p) || ts.isMethodSignature(p) || ts.isGetAccessor(p) || ts.isSetAccessor(p)) && p.name === node) return true;
  if (ts.isBindingElement(p) && p.propertyName === node) return true;
  if (ts.isImportSpecifier(p) || ts.isExportSpecifier(p) || ts.isImportClause(p) || ts.isNamespaceImport(p)) return true;
  if (ts.isTypeReferenceNode(p) || ts.isQualifiedName(p) || ts.isTypeQueryNode(p)) return true;
  if (ts.isLabeledStatement(p) || ts.isBreakOrContinueStatement(p)) return true;
  return false;
}

/** Scan one module's text. `file` is used for the report and to pick the script kind. */
export function scanText(text: string, file: string): ScanResult {
  const kind = file.endsWith('.ts') ? ts.ScriptKind.TS : ts.ScriptKind.JS;
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, kind);
  const loads: ModuleLoad[] = [];
  const networkGlobals: Site[] = [];
  const codeEvaluation: Site[] = [];
  const vmNames = new Set<string>();
  const site = (node: ts.Node): Site => {
    const { line, character } = sf.getLineAndCharacterOfPosition(node.getStart(sf));
    const fn = enclosingFunctionName(node);
    return { file, line: line + 1, column: character + 1, text: shorten(node.getText(sf)), ...(fn ? { fn } : {}) };
  };
  const literal = (e: ts.Expression | undefined): string | undefined =>
    e && (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) ? e.text : undefined;

  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      if (!node.importClause?.isTypeOnly) {
        const specifier = node.moduleSpecifier.text;
        loads.push({ ...site(node), kind: 'import', specifier });
        if (builtinBase(specifier) === 'vm' && node.importClause) {
          const c = node.importClause;
          if (c.name) vmNames.add(c.name.text);
          if (c.namedBindings && ts.isNamespaceImport(c.namedBindings)) vmNames.add(c.namedBindings.name.text);
          if (c.namedBindings && ts.isNamedImports(c.namedBindings)) for (const s of c.namedBindings.elements) codeEvaluation.push(site(s));
        }
      }
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier) && !node.isTypeOnly) {
      loads.push({ ...site(node), kind: 'export-from', specifier: node.moduleSpecifier.text });
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      loads.push({ ...site(node), kind: 'require', specifier: literal(node.moduleReference.expression) });
    } else if (ts.isCallExpression(node)) {
      const callee = node.expression;
      if (callee.kind === ts.SyntaxKind.ImportKeyword) {
        loads.push({ ...site(node), kind: 'dynamic-import', specifier: literal(node.arguments[0]) });
      } else if (ts.isIdentifier(callee) && REQUIRE_NAMES.has(callee.text) && node.arguments.length >= 1) {
        loads.push({ ...site(node), kind: 'require', specifier: literal(node.arguments[0]) });
      } else if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'require' && ts.isIdentifier(callee.expression) && callee.expression.text === 'module') {
        loads.push({ ...site(node), kind: 'require', specifier: literal(node.arguments[0]) });
      } else if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'getBuiltinModule') {
        loads.push({ ...site(node), kind: 'getBuiltinModule', specifier: literal(node.arguments[0]) });
      } else if (ts.isIdentifier(callee) && (callee.text === 'eval' || callee.text === 'Function')) {
        codeEvaluation.push(site(node));
      } else if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) && GLOBAL_OBJECTS.has(callee.expression.text) && (callee.name.text === 'eval' || callee.name.text === 'Function')) {
        codeEvaluation.push(site(node));
      }
    } else if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'Function') {
      codeEvaluation.push(site(node));
    } else if (ts.isPropertyAccessExpression(node) && ts.isIdentifier(node.expression) && vmNames.has(node.expression.text)) {
      codeEvaluation.push(site(node));
    } else if (ts.isElementAccessExpression(node) && ts.isIdentifier(node.expression) && GLOBAL_OBJECTS.has(node.expression.text)) {
      const key = literal(node.argumentExpression);
      if (key && NETWORK_GLOBALS.has(key)) networkGlobals.push(site(node));
      if (key === 'eval' || key === 'Function') codeEvaluation.push(site(node));
    } else if (ts.isIdentifier(node) && NETWORK_GLOBALS.has(node.text) && !isNamePosition(node)) {
      networkGlobals.push(site(node));
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return { loads, networkGlobals, codeEvaluation };
}

export function scanFile(root: string, path: string): ScanResult {
  return scanText(readFileSync(path, 'utf8'), relative(root, path).split('\\').join('/'));
}

/** Every file under `dir` whose name ends with one of `exts` (no node_modules). */
export function listFiles(dir: string, exts: readonly string[]): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      if (name === 'node_modules') continue;
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (exts.some((e) => name.endsWith(e)) && !name.endsWith('.d.ts')) out.push(p);
    }
  };
  walk(dir);
  return out;
}

/** The shipped source trees: packages/<name>/src for every package. */
export function packageSourceDirs(root: string): string[] {
  const pk = join(root, 'packages');
  return readdirSync(pk).map((n) => join(pk, n, 'src')).filter((d) => {
    try {
      return statSync(d).isDirectory();
    } catch {
      return false;
    }
  });
}

export function formatSites(sites: readonly (Site & { specifier?: string })[]): string {
  return sites.map((s) => `  ${s.file}:${s.line}:${s.column}${s.fn ? ` in ${s.fn}()` : ''}${s.specifier !== undefined ? ` '${s.specifier}'` : ''}: ${s.text}`).join('\n');
}
