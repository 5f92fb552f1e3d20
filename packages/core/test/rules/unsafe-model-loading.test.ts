import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { lintText, ruleById } from '@promptlint/core';
import { ADVERSARIAL_BUDGET_MS, expectFindings, lint, loc, type Want } from './_supply-chain-helpers.ts';

const RULE = 'unsafe-model-loading';
const want = (messageId: string, at: Want['at'], securitySeverity: Want['securitySeverity'], message: string[] = []): Want => ({ messageId, at, securitySeverity, message });

describe('unsafe-model-loading', () => {
  it('reports trust_remote_code: true, weights_only: false and use_safetensors: false at the value', async () => {
    const text = `model:
  name: acme/chat-7b
  trust_remote_code: true
loader:
  weights_only: false
  use_safetensors: False
env:
  TRUST_REMOTE_CODE: "true"
ok:
  trust_remote_code: false
  weights_only: true
  use_safetensors: true
  trustRemoteCode: \${TRUST}
`;
    expectFindings(RULE, await lint(RULE, text, 'agent.yaml'), [
      want('remoteCode', loc(text, 'true', 1), 'high', ["'trust_remote_code: true'", 'runs the Python code shipped in the model repository']),
      want('weightsOnly', loc(text, 'false', 1), 'high', ["'weights_only: false'", 'unpickle']),
      want('noSafetensors', loc(text, 'False'), 'medium', ["'use_safetensors: false'"]),
      want('remoteCode', loc(text, 'true', 2), 'high', ["'TRUST_REMOTE_CODE: true'"]),
    ]);
  });

  it('reports the flags inside command strings and args, in JSON', async () => {
    const text = `{
  "mcpServers": {
    "llm": { "command": "vllm serve acme/chat-7b --trust-remote-code --port 8001" },
    "py": { "command": "python", "args": ["-c", "from transformers import AutoModel; AutoModel.from_pretrained('acme/m', trust_remote_code=True)"] },
    "load": { "command": "python", "args": ["-c", "torch.load('w.pt', weights_only=False)"] },
    "flag": { "command": "text-generation-launcher", "args": ["--model-id", "acme/m", "--trust-remote-code"] },
    "off": { "command": "vllm serve acme/m --trust-remote-code=false" },
    "kw": { "command": "python", "args": ["-c", "pipeline('text-generation', model='acme/m', model_kwargs={'trust_remote_code': True})"] },
    "safe": { "command": "python", "args": ["-c", "AutoModel.from_pretrained('acme/m', trust_remote_code=False)"] }
  }
}
`;
    expectFindings(RULE, await lint(RULE, text, '.mcp.json'), [
      want('remoteCode', loc(text, '--trust-remote-code', 1), 'high', ["'--trust-remote-code'"]),
      want('remoteCode', loc(text, 'trust_remote_code=True'), 'high', ["'trust_remote_code=True'"]),
      want('weightsOnly', loc(text, 'weights_only=False'), 'high'),
      want('remoteCode', loc(text, '--trust-remote-code', 2), 'high'),
      want('remoteCode', loc(text, "trust_remote_code': True"), 'high'),
    ]);
  });

  it('reports pickle-format model files named as the model to load, suggesting safetensors', async () => {
    const text = `model_path: models/classifier.pkl
checkpoint: "runs/last.ckpt"
model:
  path: weights/model.pt
pretrained_model_name_or_path: hf://acme/m/pytorch_model-00001-of-00002.bin
serve:
  command: python serve.py --model weights/best.pth --port 8000
  args: ["--checkpoint", "ckpt/epoch9.pt", "--weights=final.joblib"]
ok:
  model_path: models/classifier.safetensors
  checkpoint: \${CHECKPOINT}
  model: gpt-4o
  weights: model.gguf
  data_file: data/train.pkl
  output: out.pt
`;
    expectFindings(RULE, await lint(RULE, text, 'serve.yaml'), [
      want('pickleFile', loc(text, 'models/classifier.pkl'), 'medium', ["'models/classifier.pkl'", "'models/classifier.safetensors'"]),
      want('pickleFile', loc(text, 'runs/last.ckpt'), 'medium', ["'runs/last.safetensors'"]),
      want('pickleFile', loc(text, 'weights/model.pt'), 'medium'),
      want('pickleFile', loc(text, 'hf://acme/m/pytorch_model-00001-of-00002.bin'), 'medium', ["'hf://acme/m/model-00001-of-00002.safetensors'"]),
      want('pickleFile', loc(text, 'weights/best.pth'), 'medium'),
      want('pickleFile', loc(text, 'ckpt/epoch9.pt'), 'medium'),
      want('pickleFile', loc(text, 'final.joblib'), 'medium'),
    ]);
  });

  it('reads TOML and front matter', async () => {
    const toml = `[model]
trust_remote_code = true
path = "m.pt"
`;
    expectFindings(RULE, await lint(RULE, toml, 'model.toml'), [
      want('remoteCode', loc(toml, 'true'), 'high'),
      want('pickleFile', loc(toml, 'm.pt'), 'medium'),
    ]);
    const md = `---
name: local-llm
model:
  id: acme/m
  trust_remote_code: true
---
Summarise the file. Never set trust_remote_code: true yourself.
`;
    expectFindings(RULE, await lint(RULE, md, 'prompts/local.prompt.md'), [want('remoteCode', loc(md, 'true'), 'high')]);
  });

  it('does not report prose, descriptions, negations or references', async () => {
    const text = `name: safety-reviewer
description: Flags configs that set trust_remote_code=True or weights_only=False, and models saved as model.pkl.
instructions: |
  Reject any pull request that passes --trust-remote-code to vllm.
tools:
  - name: check
    description: never pass trust_remote_code=True
settings:
  command: "vllm serve acme/m # do not add --trust-remote-code here"
  notes: "avoid weights_only=False"
  model_path: "\${MODEL_DIR}/model.pt"
`;
    expectFindings(RULE, await lint(RULE, text, 'agent.yaml'), []);
    const md = `# Loading models safely

Do not use \`trust_remote_code=True\`. Prefer \`model.safetensors\` to \`pytorch_model.bin\`.

\`\`\`python
model = AutoModel.from_pretrained("acme/m", trust_remote_code=True)
\`\`\`
`;
    expectFindings(RULE, await lint(RULE, md, 'README.md'), []);
  });

  it('can be suppressed inline in YAML', async () => {
    const text = `model:
  trust_remote_code: true # promptlint-disable-line unsafe-model-loading -- revision pinned and code vendored
`;
    const r = await lintText(text, { filePath: 'agent.yaml', rules: [{ rule: ruleById(RULE)!, severity: 2 }] });
    assert.equal(r.messages.length, 0);
    assert.equal(r.suppressedMessages.length, 1);
  });

  it('lints 1 MB of adversarial strings quickly', async () => {
    const lines = Array.from({ length: 5000 }, (_, i) => `  k${i}: "${'trust_remote_code'.repeat(3)} ${'= '.repeat(20)}${'--model '.repeat(6)}${'-'.repeat(20)}"`);
    const flags = `  cmd: "${'--model '.repeat(20000)}"`;
    const text = `a:\n${lines.join('\n')}\n${flags}\n  trust_remote_code: true\n`;
    assert.ok(text.length > 1_000_000);
    const t0 = performance.now();
    const r = await lintText(text, { filePath: 'agent.yaml', rules: [{ rule: ruleById(RULE)!, severity: 2 }] });
    assert.deepEqual(r.messages.map((m) => m.messageId), ['remoteCode'], 'the YAML was read as YAML');
    assert.ok(performance.now() - t0 < ADVERSARIAL_BUDGET_MS, `took ${performance.now() - t0} ms`);
  });
});
