/**
 * `load(text, { secretsFromEnv: true })` or a broad `importMap` from `@langchain/core/load`: deserialising a
 * LangChain manifest that an attacker can influence then reads secrets from the environment into the objects it
 * builds, or instantiates any class the import map reaches (the LangChain serialization-injection advisories of
 * December 2025).
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { createRule, withLanguages } from './_create.ts';
import { booleanOf, objectOf, prop, unwrap } from './_strings.ts';
import { callsImport, importVisitors, type ImportedNames } from './_imports.ts';
import { rememberSeverity } from '../report.ts';

const LOAD_MODULES: ReadonlySet<string> = new Set(['@langchain/core/load', 'langchain/load']);

export const langchainUnsafeLoad = withLanguages(
  createRule<[], 'secretsFromEnv' | 'broadImportMap'>({
    name: 'langchain-unsafe-load',
    meta: {
      type: 'problem',
      docs: {
        description: 'LangChain load() must not read secrets from the environment or import whole modules',
        category: 'exfiltration',
        preset: 'recommended',
        recommended: true,
        securitySeverity: 'high',
        defaultSeverity: 'error',
      },
      messages: {
        secretsFromEnv: 'load() with secretsFromEnv: true fills any secret a manifest names from process.env: a crafted manifest reads your API keys into objects it controls. Pass the few secrets you need in secretsMap.',
        broadImportMap: 'load() with an import map built from {{what}} lets a manifest instantiate any class of those modules. List the classes you expect, one by one.',
      },
      schema: [],
    },
    defaultOptions: [],
    create(context) {
      const names: ImportedNames = { named: new Set(), namespaces: new Set() };
      const namespaceImports = new Set<string>();
      const calls: TSESTree.CallExpression[] = [];
      const report = (node: TSESTree.Node, messageId: 'secretsFromEnv' | 'broadImportMap', severity: 'critical' | 'high', data?: Record<string, string>) => {
        const loc = node.loc;
        rememberSeverity(context.filename, { start: { line: loc.start.line, column: loc.start.column + 1 }, end: { line: loc.end.line, column: loc.end.column + 1 } }, messageId, severity);
        context.report({ node, messageId, data });
      };
      return {
        ...importVisitors(LOAD_MODULES, 'load', names),
        // A whole *package* (`import * as openai from "@langchain/openai"`) is broad; a local curated map
        // (`import * as importMap from "./import_map.js"`, LangChain's own pattern) is not.
        ImportNamespaceSpecifier(node: TSESTree.ImportNamespaceSpecifier) {
          const source = (node.parent as TSESTree.ImportDeclaration).source.value;
          if (!source.startsWith('.') && !source.startsWith('/')) namespaceImports.add(node.local.name);
        },
        CallExpression(node: TSESTree.CallExpression) {
          calls.push(node);
        },
        'Program:exit'() {
          for (const node of calls) {
            if (!callsImport(node, 'load', names)) continue;
            const opts = objectOf(node.arguments[1], context.sourceCode);
            const env = prop(opts, 'secretsFromEnv');
            if (env && booleanOf(env.value, context.sourceCode) === true) report(env, 'secretsFromEnv', 'critical');
            for (const key of ['importMap', 'optionalImportsMap']) {
              const map = prop(opts, key);
              if (!map) continue;
              const v = unwrap(map.value);
              if (v.type === 'Identifier' && namespaceImports.has(v.name)) {
                report(map, 'broadImportMap', 'high', { what: `the whole module '${v.name}'` });
                continue;
              }
              const obj = objectOf(v, context.sourceCode);
              const spread = obj?.properties.find((p) => p.type === 'SpreadElement');
              if (spread) report(spread, 'broadImportMap', 'high', { what: 'a spread of other objects' });
              else if (obj) {
                const ns = obj.properties.find((p) => p.type === 'Property' && unwrap(p.value).type === 'Identifier' && namespaceImports.has((unwrap(p.value) as TSESTree.Identifier).name));
                if (ns) report(ns, 'broadImportMap', 'high', { what: 'whole module namespaces' });
              }
            }
          }
        },
      };
    },
  }),
);
