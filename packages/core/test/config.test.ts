import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ConfigError, configForFile, loadConfig, parseRuleFlag, presetConfig, RULES } from '@promptlint/core';

const root = mkdtempSync(join(tmpdir(), 'promptlint-config-'));
after(() => rmSync(root, { recursive: true, force: true }));

function write(rel: string, content: string): string {
  const p = join(root, rel);
  mkdirSync(dirname(p), { recursive: true });
  writeFileSync(p, content);
  return p;
}

describe('config', () => {
  it('without a config file, promptlint:recommended applies', async () => {
    const cfg = await loadConfig({ cwd: root, useConfigFile: false });
    const fc = configForFile(cfg, join(root, 'AGENTS.md'));
    const recommended = RULES.filter((r) => r.meta.docs.preset === 'recommended').map((r) => r.meta.id).sort();
    assert.deepEqual(fc.rules.map((r) => r.rule.meta.id).sort(), recommended);
  });

  it('presets nest: recommended within strict within all', () => {
    const rec = Object.keys(presetConfig('recommended').rules!);
    const strict = Object.keys(presetConfig('strict').rules!);
    const all = Object.keys(presetConfig('all').rules!);
    assert.ok(rec.every((id) => strict.includes(id)) && strict.every((id) => all.includes(id)));
    assert.equal(all.length, RULES.length);
  });

  it('extends a shared config package by name, resolved from the config file folder', async () => {
    write('org/node_modules/@acme/promptlint-config/package.json', JSON.stringify({ name: '@acme/promptlint-config', version: '1.0.0', type: 'module', exports: './index.js' }));
    write('org/node_modules/@acme/promptlint-config/index.js', `export default [
      { extends: ['promptlint:recommended'] },
      { settings: { promptlint: { trustedHosts: ['llm.acme.internal'], mcpAllowedHosts: ['mcp.acme.internal'] } } },
      { rules: { 'model-gateway-endpoint': 'error' } },
    ];\n`);
    write('org/repo/promptlint.config.js', `export default [{ extends: ['@acme/promptlint-config'] }, { rules: { 'exfil-instruction': ['warn'] } }];\n`);
    write('org/repo/package.json', '{"type":"module"}');
    const cfg = await loadConfig({ cwd: join(root, 'org/repo/sub') });
    assert.equal(cfg.filePath, join(root, 'org/repo/promptlint.config.js'));
    const fc = configForFile(cfg, join(root, 'org/repo/AGENTS.md'));
    assert.deepEqual(fc.settings.trustedHosts, ['llm.acme.internal']);
    assert.equal(fc.rules.find((r) => r.rule.meta.id === 'model-gateway-endpoint')!.severity, 2);
    assert.equal(fc.rules.find((r) => r.rule.meta.id === 'exfil-instruction')!.severity, 1);
  });

  it('files and ignores scope a config object; global ignores exclude files', async () => {
    write('scoped/promptlint.config.json', JSON.stringify([
      { ignores: ['vendor/**'] },
      { extends: ['promptlint:recommended'] },
      { files: ['legacy/**'], ignores: ['legacy/keep/**'], rules: { 'markdown-exfil-beacon': 'off' } },
    ]));
    const cfg = await loadConfig({ cwd: join(root, 'scoped') });
    const has = (p: string) => configForFile(cfg, join(root, 'scoped', p)).rules.some((r) => r.rule.meta.id === 'markdown-exfil-beacon');
    assert.equal(has('legacy/a.md'), false);
    assert.equal(has('legacy/keep/a.md'), true);
    assert.equal(has('prompts/a.md'), true);
  });

  it('rejects unknown rules, bad severities, bad options, unknown keys and unknown presets', async () => {
    const bad = async (content: unknown, re: RegExp) => {
      write('bad/promptlint.config.json', JSON.stringify(content));
      await assert.rejects(loadConfig({ cwd: join(root, 'bad') }), (e: Error) => e instanceof ConfigError && re.test(e.message));
    };
    await bad({ rules: { 'nope-rule': 'error' } }, /nope-rule/);
    await bad({ rules: { 'exfil-instruction': 'loud' } }, /severity/);
    await bad({ rules: { 'exfil-instruction': ['error', { bogus: true }] } }, /option/);
    await bad({ rule: {} }, /Unexpected key "rule"/);
    await bad({ extends: ['promptlint:lenient'] }, /Unknown preset/);
    await bad({ extends: ['@nope/missing-config'] }, /Cannot find shared config/);
    write('bad/promptlint.config.json', '{ not json');
    await assert.rejects(loadConfig({ cwd: join(root, 'bad') }), ConfigError);
  });

  it('parses --rule values in ESLint forms', () => {
    assert.deepEqual(parseRuleFlag('exfil-instruction: warn'), { 'exfil-instruction': 'warn' });
    assert.deepEqual(parseRuleFlag('exfil-instruction: 0'), { 'exfil-instruction': 0 });
    assert.deepEqual(parseRuleFlag('{"exfil-instruction": ["error"]}'), { 'exfil-instruction': ['error'] });
    assert.throws(() => parseRuleFlag('nonsense'), ConfigError);
  });
});
