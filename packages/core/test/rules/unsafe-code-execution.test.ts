import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { assertClean, lint, loc, repeatTo, ADVERSARIAL_BUDGET_MS } from './_helpers.ts';
import { assertAgency } from './_agency-helpers.ts';

const RULE = 'unsafe-code-execution';

describe('unsafe-code-execution', () => {
  it('CrewAI: allow_code_execution with unsafe mode is critical; safe (Docker) mode and no execution are not reported', async () => {
    const text = `coder:
  role: Senior Python developer
  goal: Write and run scripts
  backstory: You automate things.
  allow_code_execution: true
  code_execution_mode: unsafe
sandboxed:
  role: Analyst
  goal: Crunch numbers
  backstory: Careful.
  allow_code_execution: true
  code_execution_mode: safe
writer:
  role: Writer
  goal: Write
  backstory: Words. Mentions code_execution_mode unsafe in prose only.
  code_execution_mode: unsafe
`;
    assertAgency(RULE, await lint(RULE, text, 'config/agents.yaml'), [
      { messageId: 'crewUnsafe', securitySeverity: 'critical', at: loc(text, 'unsafe'), message: ['unsafe', 'Docker'] },
    ]);
  });

  it('LangChain dangerous flags in configs (JSON and YAML, Python-style True)', async () => {
    const json = `{ "agent": { "type": "pandas", "allow_dangerous_code": true, "allow_dangerous_requests": true }, "store": { "allow_dangerous_deserialization": false } }\n`;
    assertAgency(RULE, await lint(RULE, json, 'agents/analyst.json'), [
      { messageId: 'dangerousCode', securitySeverity: 'critical', at: loc(json, 'true'), message: ['allow_dangerous_code'] },
      { messageId: 'dangerousRequests', securitySeverity: 'high', at: loc(json, 'true', 2), message: ['allow_dangerous_requests'] },
    ]);
    const yaml = `toolkit:\n  allow_dangerous_requests: "True"\nvectorstore:\n  allow_dangerous_deserialization: True\n`;
    assertAgency(RULE, await lint(RULE, yaml, 'agents/x.yaml'), [
      { messageId: 'dangerousRequests', securitySeverity: 'high', at: loc(yaml, 'True') },
      { messageId: 'dangerousDeserialization', securitySeverity: 'high', at: loc(yaml, 'True', 2) },
    ]);
  });

  it('AutoGen use_docker: false inside code_execution_config only', async () => {
    const text = `assistant:\n  code_execution_config:\n    work_dir: coding\n    use_docker: false\nother:\n  use_docker: false\n`;
    assertAgency(RULE, await lint(RULE, text, 'agents/autogen.yaml'), [
      { messageId: 'noDocker', securitySeverity: 'high', at: loc(text, 'false'), message: ['use_docker'] },
    ]);
    assertClean(await lint(RULE, `assistant:\n  code_execution_config:\n    use_docker: true\n`, 'agents/autogen.yaml'));
  });

  it('smolagents additional_authorized_imports: * critical, OS modules high, data modules clean', async () => {
    const text = `{ "agent": { "additional_authorized_imports": ["numpy", "pandas.*", "subprocess", "os.path", "*"] } }\n`;
    const star = loc(text, '"*"');
    assertAgency(RULE, await lint(RULE, text, 'agents/smol.json'), [
      { messageId: 'osImport', securitySeverity: 'high', at: loc(text, 'subprocess'), message: ["'subprocess'"] },
      { messageId: 'osImport', securitySeverity: 'high', at: loc(text, 'os.path'), message: ["'os.path'"] },
      { messageId: 'allImports', securitySeverity: 'critical', at: { ...star, column: star.column + 1, endColumn: star.endColumn - 1 } },
    ]);
    assertClean(await lint(RULE, `{ "additional_authorized_imports": ["numpy", "io", "json"] }\n`, 'agents/smol.json'));
  });

  it('is quiet on prose and on false values', async () => {
    assertClean(await lint(RULE, 'Set `allow_dangerous_code: true` only in a sandbox.\n', 'AGENTS.md'));
    assertClean(await lint(RULE, `{ "allow_dangerous_code": false, "allow_code_execution": false }\n`, 'agents/a.json'));
  });

  it('stays fast on a 1 MB config', async () => {
    const big = `{ "agents": [${repeatTo('{ "allow_code_execution": true, "code_execution_mode": "safe" },', 1_000_000)} {}] }\n`;
    const t = performance.now();
    assertClean(await lint(RULE, big, 'agents/big.json'));
    assert.ok(performance.now() - t < ADVERSARIAL_BUDGET_MS, `${performance.now() - t} ms`);
  });
});
