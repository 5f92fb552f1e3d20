import type { PromptDocument, Rule, RuleContext, SecuritySeverity } from '../types.ts';
import { isArray, isObject, isString, type JNode, type JScalar } from '../formats/tree.ts';
import { readFrontMatter } from '../formats/frontmatter.ts';
import { rawRange } from '../util/position.ts';
import { docsUrl } from './_docs-url.ts';
import { isFalse, isTrue, rangeOf } from './_agency.ts';

/**
 * Agent, model and serving configs (YAML, JSON, TOML, front matter) that load code or pickles with the model:
 * - `trust_remote_code: true` (also `trust_remote_code=True` and `--trust-remote-code` inside command strings and
 *   `args`): the model repository's Python runs on this machine (`high`);
 * - `weights_only: false` (also `weights_only=False` in a command string): `torch.load` unpickles arbitrary
 *   objects (`high`);
 * - `use_safetensors: false`: the loader falls back to the pickled `.bin` weights (`medium`);
 * - a pickle-format file named as the model to load (`model_path: model.pkl`, `checkpoint: last.ckpt`,
 *   `--model weights.pt`, `pytorch_model.bin`; `.pkl`, `.pickle`, `.pt`, `.pth`, `.ckpt`, `.joblib`): loading it
 *   runs whatever the file's author put in it (`medium`); the message suggests the `.safetensors` form.
 * Strings in prose fields (descriptions, instructions, messages) are not read, nor `${VAR}` references, nor
 * a flag written next to a negation (`never pass trust_remote_code=True`).
 */
export const unsafeModelLoading: Rule = {
  meta: {
    id: 'unsafe-model-loading',
    category: 'supply-chain',
    type: 'problem',
    docs: {
      description: 'Model configs must not load remote code or pickled weights (trust_remote_code, weights_only: false, .pkl/.pt/.ckpt files)',
      preset: 'recommended',
      url: docsUrl('unsafe-model-loading'),
    },
    defaultSeverity: 'error',
    securitySeverity: 'high',
    messages: {
      remoteCode: "'{{what}}' runs the Python code shipped in the model repository when the model loads: whoever can push to that repository runs code here. Use a model supported without remote code, or pin a reviewed revision and vendor its code.",
      weightsOnly: "'{{what}}' lets torch.load unpickle arbitrary objects: a tampered checkpoint runs code when it is loaded. Keep weights_only=True and load .safetensors weights.",
      noSafetensors: "'{{what}}' makes the loader take the pickled .bin weights instead of .safetensors: a tampered file runs code when it is loaded.",
      pickleFile: "The model is loaded from '{{file}}', a pickle-format file: loading it runs whatever code its author put in it. Use the .safetensors form ('{{suggestion}}') where one exists.",
    },
  },
  checkDocument(doc, context) {
    const roots = treeRoots(doc);
    if (!roots.length) return;
    const configStarts = new Set<number>();
    for (const s of doc.segments) if (s.context === 'config-value' || s.context === 'front-matter') configStarts.add(rawRange(s.map, 0, 0).start);
    const isConfigString = (n: JScalar) => configStarts.has(rawRange(n.map ?? { base: n.start }, 0, 0).start);
    for (const root of roots) walk(root, '', '', 0, context, isConfigString);
  },
};

/** The document's value trees, or its front matter's for Markdown, Prompty and Dotprompt files. */
function treeRoots(doc: PromptDocument): readonly JNode[] {
  if (doc.parseError) return [];
  if (doc.tree) return doc.tree;
  const text = doc.file.text;
  if (!/^(?:[ \t]*(?:#[^\r\n]{0,2000})?\r?\n){0,50}---/.test(text.slice(0, 4096))) return [];
  const fm = readFrontMatter(text, { leadingComments: doc.format === 'dotprompt' });
  if (!fm?.root || !CANDIDATE.test(text.slice(fm.start, fm.end))) return [];
  return [fm.root];
}

const CANDIDATE = /trust.?remote.?code|weights.?only|safetensors|\.(?:pkl|pickle|pt|pth|ckpt|joblib|bin)\b/i;

/** Keys (lower case, `_` and `-` removed) whose value names the model or checkpoint file to load. */
const MODEL_KEYS = new Set([
  'model', 'modelpath', 'modelfile', 'modelname', 'modelnameorpath', 'pretrainedmodelnameorpath', 'modelweights', 'modelcheckpoint',
  'checkpoint', 'checkpointpath', 'checkpointfile', 'ckpt', 'ckptpath', 'weights', 'weightspath', 'weightsfile', 'resumefromcheckpoint',
  'loadfrom', 'initfrom', 'pretrained', 'pretrainedpath', 'basemodel', 'modeluri', 'modelurl', 'localmodelpath', 'modeldir', 'modelid',
]);
/** Keys of a nested model block (`model: {path: x.pt}`). */
const PATH_KEYS = new Set(['path', 'file', 'filename', 'uri', 'url', 'local', 'localpath']);
const PARENT_KEYS = new Set(['model', 'weights', 'checkpoint', 'ckpt', 'llm', 'embedding', 'embeddings', 'classifier']);
/** Command-line options that take the model file as their value. */
const MODEL_FLAGS = /^--?(?:model|model[-_](?:path|file|name|name[-_]or[-_]path|weights)|checkpoint|checkpoint[-_]path|ckpt|ckpt[-_]path|weights|resume|load[-_]from|pretrained)$/i;

const PICKLE_FILE = /(?:\.(?:pkl|pickle|pt|pth|ckpt|joblib)|(?:^|[/\\])pytorch_model(?:-\d{1,5}-of-\d{1,5})?\.bin)$/i;
const TEMPLATED = /\$\{|\$[A-Za-z_]|\{\{|^<[^>]{0,200}>$/;

/**
 * Flags written inside a string: `--trust-remote-code`, `trust_remote_code=True`, `weights_only=False`. The three
 * alternatives start with different characters (`-`, `t`, `w`) and every repetition is bounded.
 */
const INLINE = /(?<![\w-])(?:--trust-remote-code(?![\w-])|trust[_-]remote[_-]code["']?[ \t]{0,4}[=:][ \t]{0,4}["']?(?:true|1|yes)\b|weights[_-]only["']?[ \t]{0,4}[=:][ \t]{0,4}["']?(?:false|0|no)\b)/gi;
const DISABLED_AFTER = /^(?:[ \t]{0,4}=[ \t]{0,4}|[ \t]{1,4})["']?(?:false|0|no)\b/i;
const NEGATION = /(?:^|[\s(])(?:not|never|don'?t|avoid|without|disable[sd]?|no|instead of|rather than)\s[^.;\n]{0,60}$/i;

function norm(key: string): string {
  return key.replace(/[-_]/g, '').toLowerCase();
}

function walk(n: JNode, key: string, parent: string, depth: number, context: RuleContext, isConfigString: (n: JScalar) => boolean): void {
  if (depth > 64) return;
  if (isObject(n)) {
    for (const e of n.entries) {
      const v = e.value;
      if (!v) continue;
      const k = norm(e.key);
      if (k === 'trustremotecode' && isTrue(v)) report(context, 'remoteCode', v, `${e.key}: true`, 'high');
      else if (k === 'weightsonly' && isFalse(v)) report(context, 'weightsOnly', v, `${e.key}: false`, 'high');
      else if (k === 'usesafetensors' && isFalse(v)) report(context, 'noSafetensors', v, `${e.key}: false`, 'medium');
      else if (isString(v) && (MODEL_KEYS.has(k) || (PATH_KEYS.has(k) && PARENT_KEYS.has(key))) && isConfigString(v)) pickleValue(context, v, v.value, 0);
      walk(v, k, key, depth + 1, context, isConfigString);
    }
    return;
  }
  if (isArray(n)) {
    n.items.forEach((item, i) => {
      // `args: ["--model", "weights.pt"]`
      const prev = n.items[i - 1];
      if (isString(item) && isString(prev) && MODEL_FLAGS.test(prev.value.trim()) && isConfigString(item)) pickleValue(context, item, item.value, 0);
      walk(item, key, parent, depth + 1, context, isConfigString);
    });
    return;
  }
  if (isString(n) && isConfigString(n)) inlineFlags(n, context);
}

/** Report a value that names a pickle-format file (`start` = decoded offset of `file` in the scalar). */
function pickleValue(context: RuleContext, n: JScalar, written: string, start: number): void {
  const lead = written.length - written.trimStart().length;
  const file = written.trim();
  if (!file || file.length > 1024 || TEMPLATED.test(file) || /\s/.test(file)) return;
  const bare = file.replace(/[?#].{0,1024}$/, '');
  if (!PICKLE_FILE.test(bare)) return;
  const suggestion = /pytorch_model(?:-\d{1,5}-of-\d{1,5})?\.bin$/i.test(bare)
    ? bare.replace(/pytorch_model(-\d{1,5}-of-\d{1,5})?\.bin$/i, 'model$1.safetensors')
    : bare.replace(/\.[a-z]{1,7}$/i, '.safetensors');
  const r = rawRange(n.map ?? { base: n.start }, start + lead, start + lead + file.length);
  context.report({ messageId: 'pickleFile', data: { file, suggestion }, start: r.start, end: r.end, securitySeverity: 'medium' });
}

function inlineFlags(n: JScalar, context: RuleContext): void {
  const text = String(n.value);
  if (text.length > 100_000) return;
  const map = n.map ?? { base: n.start };
  INLINE.lastIndex = 0;
  let budget = 100;
  for (let m = INLINE.exec(text); m && budget > 0; m = INLINE.exec(text)) {
    const before = text.slice(Math.max(0, m.index - 80), m.index);
    if (NEGATION.test(before)) continue;
    const flag = m[0].toLowerCase();
    if (flag.startsWith('--') && DISABLED_AFTER.test(text.slice(m.index + m[0].length, m.index + m[0].length + 16))) continue;
    budget--;
    const r = rawRange(map, m.index, m.index + m[0].length);
    context.report({ messageId: flag.startsWith('weights') ? 'weightsOnly' : 'remoteCode', data: { what: m[0] }, start: r.start, end: r.end, securitySeverity: 'high' });
  }
  // `--model weights.pt` / `--checkpoint=last.ckpt` inside a command string.
  if (!/--?[a-z]/i.test(text)) return;
  const words = /\S{1,1024}/g;
  let prevFlag = false;
  for (let m = words.exec(text); m; m = words.exec(text)) {
    const w = m[0];
    const eq = w.indexOf('=');
    if (prevFlag) pickleValue(context, n, w.replace(/^["']|["']$/g, ''), m.index + (/^["']/.test(w) ? 1 : 0));
    else if (eq > 0 && MODEL_FLAGS.test(w.slice(0, eq))) pickleValue(context, n, w.slice(eq + 1), m.index + eq + 1);
    prevFlag = MODEL_FLAGS.test(w);
  }
}

function report(context: RuleContext, messageId: string, v: JNode, what: string, securitySeverity: SecuritySeverity): void {
  context.report({ messageId, data: { what }, ...rangeOf(v), securitySeverity });
}
