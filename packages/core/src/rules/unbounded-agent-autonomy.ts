import type { Rule } from '../types.ts';
import { docsUrl } from './_docs-url.ts';
import { eachEntry, entry, hasTree, isTrue, rangeOf } from './_agency.ts';

/**
 * Agents with no practical bound on what they do unattended (strict preset, a warning):
 * - an iteration limit above 100 (`max_iter` CrewAI, `max_iterations` LangChain, `max_steps` smolagents,
 *   `max_consecutive_auto_reply` AutoGen, `max_turns`), or `max_iterations: null` (no limit);
 * - a CrewAI agent that both delegates (`allow_delegation: true`) and executes code, with no `max_iter` and
 *   no `max_rpm` of its own.
 * Ordinary crews (delegation alone, default limits) are not reported.
 */

const LIMIT_KEYS = new Set(['max_iter', 'max_iterations', 'maxIterations', 'max_steps', 'max_consecutive_auto_reply', 'max_turns', 'maxTurns']);
const LIMIT = 100;
/** Keys only agent frameworks use: a limit under them is an agent's, whatever the file. */
const AGENT_ONLY_KEYS = new Set(['max_iter', 'max_consecutive_auto_reply']);
/** Keys that mark an object as an agent definition (a training config's `max_steps` is not an agent's). */
const AGENT_MARKERS = ['role', 'goal', 'backstory', 'tools', 'llm', 'system_message', 'instructions', 'allow_delegation', 'allow_code_execution', 'agent_type', 'code_execution_config', 'human_input_mode'];
const AGENT_PATH = /agent|executor|crew|assistant/i;

export const unboundedAgentAutonomy: Rule = {
  meta: {
    id: 'unbounded-agent-autonomy',
    category: 'agency',
    type: 'suggestion',
    docs: {
      description: 'Agents should keep an iteration limit, and agents that delegate and run code should have explicit limits',
      preset: 'strict',
      url: docsUrl('unbounded-agent-autonomy'),
    },
    defaultSeverity: 'warn',
    securitySeverity: 'medium',
    messages: {
      highLimit: '{{key}}: {{value}} lets the agent loop up to {{value}} times without a human check (above {{limit}}).',
      noLimit: '{{key}}: null removes the iteration limit: the agent loops until it decides to stop.',
      delegatingExecutor: 'Agent delegates work and executes code with no max_iter or max_rpm of its own: an injected task can spread and run unattended.',
    },
  },
  checkDocument(doc, context) {
    if (!hasTree(doc)) return;
    eachEntry(doc, (e, owner, path) => {
      const v = e.value;
      if (!v) return;
      if (LIMIT_KEYS.has(e.key)) {
        const agentLike = AGENT_ONLY_KEYS.has(e.key) || doc.kind === 'crewai' || AGENT_MARKERS.some((k) => entry(owner, k) !== undefined) ||
          path.some((p) => typeof p === 'string' && AGENT_PATH.test(p));
        if (!agentLike) return;
        if (v.kind === 'number' && v.value as number > LIMIT) {
          context.report({ messageId: 'highLimit', data: { key: e.key, value: String(v.value), limit: LIMIT }, ...rangeOf(v), securitySeverity: (v.value as number) >= 1000 ? 'medium' : 'low' });
        } else if (v.kind === 'null' && (e.key === 'max_iterations' || e.key === 'maxIterations')) {
          context.report({ messageId: 'noLimit', data: { key: e.key }, ...rangeOf(v), securitySeverity: 'medium' });
        }
        return;
      }
      if (e.key === 'allow_delegation' && isTrue(v)) {
        const executes = isTrue(entry(owner, 'allow_code_execution')?.value);
        const limited = entry(owner, 'max_iter') !== undefined || entry(owner, 'max_rpm') !== undefined || entry(owner, 'max_execution_time') !== undefined;
        if (executes && !limited) context.report({ messageId: 'delegatingExecutor', ...rangeOf(v), securitySeverity: 'medium' });
      }
    });
  },
};
