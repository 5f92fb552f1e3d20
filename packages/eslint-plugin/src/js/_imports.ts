/** Names bound by imports (and `require`) from given modules, to recognise `pull` and `load` of LangChain. */
import type { TSESTree } from '@typescript-eslint/utils';
import { unwrap } from './_strings.ts';

export interface ImportedNames {
  /** Local names of the named export (`import { pull as p }` → `p`). */
  readonly named: Set<string>;
  /** Local names of the whole module (`import * as hub`, default import, `const hub = require(...)`). */
  readonly namespaces: Set<string>;
}

/** Visitors that collect the local names of `exportName` from any of `modules`. */
export function importVisitors(modules: ReadonlySet<string>, exportName: string, names: ImportedNames) {
  return {
    ImportDeclaration(node: TSESTree.ImportDeclaration) {
      if (!modules.has(node.source.value)) return;
      for (const s of node.specifiers) {
        if (s.type === 'ImportSpecifier') {
          const imported = s.imported.type === 'Identifier' ? s.imported.name : s.imported.value;
          if (imported === exportName) names.named.add(s.local.name);
        } else names.namespaces.add(s.local.name);
      }
    },
    VariableDeclarator(node: TSESTree.VariableDeclarator) {
      let init = node.init && unwrap(node.init);
      if (init?.type === 'AwaitExpression') init = unwrap(init.argument);
      let source: string | undefined;
      if (init?.type === 'CallExpression' && init.callee.type === 'Identifier' && init.callee.name === 'require') {
        const a = init.arguments[0];
        if (a?.type === 'Literal' && typeof a.value === 'string') source = a.value;
      } else if (init?.type === 'ImportExpression' && init.source.type === 'Literal' && typeof init.source.value === 'string') source = init.source.value;
      if (!source || !modules.has(source)) return;
      if (node.id.type === 'Identifier') names.namespaces.add(node.id.name);
      else if (node.id.type === 'ObjectPattern') {
        for (const p of node.id.properties) {
          if (p.type !== 'Property' || p.key.type !== 'Identifier' || p.key.name !== exportName) continue;
          if (p.value.type === 'Identifier') names.named.add(p.value.name);
        }
      }
    },
  };
}

/** Whether a call's callee is the imported function (`pull(...)`, `hub.pull(...)`). */
export function callsImport(node: TSESTree.CallExpression, exportName: string, names: ImportedNames): boolean {
  const c = unwrap(node.callee);
  if (c.type === 'Identifier') return names.named.has(c.name);
  if (c.type === 'MemberExpression' && !c.computed && c.property.type === 'Identifier' && c.property.name === exportName) {
    const o = unwrap(c.object);
    return o.type === 'Identifier' && names.namespaces.has(o.name);
  }
  return false;
}

/**
 * Visitors that collect calls of `exportName` imported from `modules` and hand each to `onCall` at the end of the
 * program (imports may follow the call in the source, so calls are judged only once every import is known).
 */
export function importedCallVisitors(modules: ReadonlySet<string>, exportName: string, onCall: (node: TSESTree.CallExpression) => void) {
  const names: ImportedNames = { named: new Set(), namespaces: new Set() };
  const calls: TSESTree.CallExpression[] = [];
  return {
    ...importVisitors(modules, exportName, names),
    CallExpression(node: TSESTree.CallExpression) {
      calls.push(node);
    },
    'Program:exit'() {
      for (const node of calls) if (callsImport(node, exportName, names)) onCall(node);
    },
  };
}
