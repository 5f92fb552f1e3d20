import type { Rule } from '../types.ts';
import { isArray, isString } from '../formats/tree.ts';
import { docsUrl } from './_docs-url.ts';
import { eachEntry, entry, hasTree, isFalse, isTrue, rangeOf, scalarText } from './_agency.ts';

/**
 * Agent configurations that let the model's output run as code on the host:
 * - CrewAI `allow_code_execution: true` with `code_execution_mode: unsafe` (`critical`). The default
 *   `safe` mode runs code in Docker and is not reported here (`unbounded-agent-autonomy` looks at the rest);
 * - LangChain `allow_dangerous_code: true` (`critical`), `allow_dangerous_requests: true` and
 *   `allow_dangerous_deserialization: true` (`high`) written into a config;
 * - AutoGen `code_execution_config: {use_docker: false}` (`high`);
 * - smolagents `additional_authorized_imports` with `*` (`critical`) or modules that reach the OS
 *   (`os`, `subprocess`, `sys`, `shutil`, `socket`, `builtins`, `importlib`, `pty`, `ctypes`, `pickle`; `high`).
 */

const OS_MODULES = new Set(['os', 'subprocess', 'sys', 'shutil', 'socket', 'builtins', '__builtin__', 'importlib', 'pty', 'ctypes', 'pickle', 'marshal', 'posix', 'multiprocessing', 'signal']);

export const unsafeCodeExecution: Rule = {
  meta: {
    id: 'unsafe-code-execution',
    category: 'agency',
    type: 'problem',
    docs: {
      description: 'Agent configs must not run model-written code unsandboxed (CrewAI unsafe mode, LangChain allow_dangerous_code, AutoGen use_docker: false, smolagents imports)',
      preset: 'recommended',
      url: docsUrl('unsafe-code-execution'),
    },
    defaultSeverity: 'error',
    securitySeverity: 'high',
    messages: {
      crewUnsafe: 'allow_code_execution with code_execution_mode "unsafe": code the agent writes runs directly on this machine, with no Docker sandbox.',
      dangerousCode: '{{key}}: true lets the chain execute Python that the model writes (any injected prompt becomes code on this host).',
      dangerousRequests: '{{key}}: true lets the agent send arbitrary HTTP requests chosen by the model, internal addresses included.',
      dangerousDeserialization: '{{key}}: true loads pickled data: a tampered file runs code when it is read.',
      noDocker: 'code_execution_config.use_docker: false runs the code the agents write directly on the host.',
      allImports: "additional_authorized_imports '*' lets the agent's code import any module, os and subprocess included.",
      osImport: "additional_authorized_imports '{{module}}' gives the agent's code access to the operating system.",
    },
  },
  checkDocument(doc, context) {
    if (!hasTree(doc)) return;
    eachEntry(doc, (e, owner, path) => {
      const v = e.value;
      if (!v) return;
      switch (e.key) {
        case 'allow_code_execution':
        case 'allowCodeExecution': {
          if (!isTrue(v)) return;
          const mode = entry(owner, 'code_execution_mode')?.value ?? entry(owner, 'codeExecutionMode')?.value;
          if (mode && scalarText(mode) === 'unsafe') context.report({ messageId: 'crewUnsafe', start: mode.start, end: mode.end, securitySeverity: 'critical' });
          return;
        }
        case 'allow_dangerous_code':
        case 'allowDangerousCode':
          if (isTrue(v)) context.report({ messageId: 'dangerousCode', data: { key: e.key }, ...rangeOf(v), securitySeverity: 'critical' });
          return;
        case 'allow_dangerous_requests':
        case 'allowDangerousRequests':
          if (isTrue(v)) context.report({ messageId: 'dangerousRequests', data: { key: e.key }, ...rangeOf(v), securitySeverity: 'high' });
          return;
        case 'allow_dangerous_deserialization':
        case 'allowDangerousDeserialization':
          if (isTrue(v)) context.report({ messageId: 'dangerousDeserialization', data: { key: e.key }, ...rangeOf(v), securitySeverity: 'high' });
          return;
        case 'use_docker':
          if (path[path.length - 1] === 'code_execution_config' && isFalse(v)) context.report({ messageId: 'noDocker', ...rangeOf(v), securitySeverity: 'high' });
          return;
        case 'additional_authorized_imports': {
          const items = isArray(v) ? v.items : [v];
          for (const item of items) {
            if (!isString(item)) continue;
            const name = item.value.trim();
            if (name === '*') context.report({ messageId: 'allImports', ...rangeOf(item), securitySeverity: 'critical' });
            else if (OS_MODULES.has(name.replace(/\.\*$/, '').split('.')[0]!)) context.report({ messageId: 'osImport', data: { module: name }, ...rangeOf(item), securitySeverity: 'high' });
          }
          return;
        }
      }
    });
  },
};
