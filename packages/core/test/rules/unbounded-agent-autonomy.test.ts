import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { assertClean, lint, loc, repeatTo, ADVERSARIAL_BUDGET_MS } from './_helpers.ts';
import { assertAgency } from './_agency-helpers.ts';
import { ruleById } from '@promptlint/core';

const RULE = 'unbounded-agent-autonomy';

describe('unbounded-agent-autonomy', () => {
  it('is a strict-preset warning', () => {
    const rule = ruleById(RULE)!;
    assert.equal(rule.meta.docs.preset, 'strict');
    assert.equal(rule.meta.defaultSeverity, 'warn');
    assert.equal(rule.meta.category, 'agency');
  });

  it('CrewAI: high max_iter, and a delegating code executor without limits', async () => {
    const text = `manager:
  role: Manager
  goal: Coordinate
  backstory: Runs the team.
  allow_delegation: true
  allow_code_execution: true
looper:
  role: Researcher
  goal: Dig
  backstory: Persistent.
  max_iter: 500
forever:
  role: Researcher
  goal: Dig deeper
  backstory: Very persistent.
  max_iter: 5000
`;
    assertAgency(RULE, await lint(RULE, text, 'config/agents.yaml'), [
      { messageId: 'delegatingExecutor', securitySeverity: 'medium', at: loc(text, 'true'), message: ['max_iter'] },
      { messageId: 'highLimit', securitySeverity: 'low', at: loc(text, '500'), message: ['max_iter: 500'] },
      { messageId: 'highLimit', securitySeverity: 'medium', at: loc(text, '5000'), message: ['max_iter: 5000'] },
    ]);
  });

  it('LangChain max_iterations: null and AutoGen max_consecutive_auto_reply in JSON and TOML', async () => {
    const json = `{ "executor": { "max_iterations": null }, "assistant": { "max_consecutive_auto_reply": 1000 } }\n`;
    assertAgency(RULE, await lint(RULE, json, 'agents/a.json'), [
      { messageId: 'noLimit', securitySeverity: 'medium', at: loc(json, 'null'), message: ['max_iterations'] },
      { messageId: 'highLimit', securitySeverity: 'medium', at: loc(json, '1000') },
    ]);
    const toml = `[agent]\nmax_turns = 250\n`;
    assertAgency(RULE, await lint(RULE, toml, 'agent.toml'), [
      { messageId: 'highLimit', securitySeverity: 'low', at: loc(toml, '250') },
    ]);
  });

  it('stays quiet on normal crews', async () => {
    const text = `researcher:
  role: Researcher
  goal: Find facts
  backstory: Curious.
  allow_delegation: true
  max_iter: 25
coder:
  role: Coder
  goal: Code
  backstory: Careful.
  allow_delegation: true
  allow_code_execution: true
  max_rpm: 10
writer:
  role: Writer
  goal: Write
  backstory: Clear. Sets max_iter 1000 in prose only.
  allow_delegation: false
  allow_code_execution: true
`;
    assertClean(await lint(RULE, text, 'config/agents.yaml'));
    assertClean(await lint(RULE, `{ "max_iterations": 15, "max_tokens": 100000 }\n`, 'agents/a.json'));
    // A training or solver config is not an agent.
    assertClean(await lint(RULE, `training:\n  max_steps: 5000\nsolver:\n  max_iterations: 10000\n`, 'prompts/train.yaml'));
  });

  it('stays fast on a 1 MB config', async () => {
    const big = `{ "agents": [${repeatTo('{ "allow_delegation": true, "max_iter": 20 },', 1_000_000)} {}] }\n`;
    const t = performance.now();
    assertClean(await lint(RULE, big, 'agents/big.json'));
    assert.ok(performance.now() - t < ADVERSARIAL_BUDGET_MS, `${performance.now() - t} ms`);
  });
});
