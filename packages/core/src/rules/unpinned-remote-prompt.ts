import type { Rule, TextSegment } from '../types.ts';
import { segmentRange } from '../engine.ts';
import { docsUrl } from './_docs-url.ts';

/**
 * A prompt or template fetched from a remote source that can change under the config: a LangChain hub reference
 * without a commit hash (`langchain-hub://owner/name`, `hub_prompt: owner/name`, `owner/name:prod`), a promptfoo
 * prompt loaded from an `http(s)://` URL, a `template_path` / `load_prompt` / `prompt_url` pointing at a URL.
 * Local files (`file://`, relative paths), commit-pinned hub ids (`owner/name:1a2b3c4d`) and URLs that carry a
 * full commit hash are fine. Loopback URLs are not reported.
 *
 * securitySeverity: `high` for a prompt fetched over plain `http://`; `medium` otherwise.
 */
export const unpinnedRemotePrompt: Rule = {
  meta: {
    id: 'unpinned-remote-prompt',
    category: 'supply-chain',
    type: 'problem',
    docs: {
      description: 'Prompts loaded from the LangChain hub or a URL must be pinned to a commit',
      preset: 'recommended',
      url: docsUrl('unpinned-remote-prompt'),
    },
    defaultSeverity: 'warn',
    securitySeverity: 'medium',
    messages: {
      hub: "Hub prompt '{{ref}}' is not pinned to a commit: whoever can push to it changes this prompt. Append the commit hash ('{{ref}}:<commit>').",
      hubTag: "Hub prompt '{{ref}}' follows the tag '{{tag}}', which moves with every push. Pin the commit hash instead.",
      url: "Prompt loaded from '{{host}}' at run time{{plain}}: whoever controls that URL changes the prompt. Vendor the file (file://) or pin a URL that names a commit.",
    },
  },
  contexts: ['config-value', 'message', 'system-message', 'front-matter', 'instructions'],
  checkSegment(segment, context) {
    const value = segment.value;
    if (value.length > 2048 || !segment.path.length) return;
    const lead = value.length - value.trimStart().length;
    const v = value.trim();
    const key = lastKey(segment);

    const scheme = HUB_SCHEME.exec(v);
    if (scheme || ((HUB_KEY.test(key) || (PROMPT_KEY.test(key) && !FOLDER_OWNER.test(v))) && HUB_ID.test(v))) {
      const ref = scheme ? v.slice(scheme[0].length) : v;
      const m = HUB_ID.exec(ref);
      if (!m) return;
      const tag = m[2];
      if (tag && /^[0-9a-f]{8,64}$/i.test(tag)) return;
      const r = segmentRange(segment, lead, lead + v.length);
      const id = m[1]!;
      context.report(tag ? { messageId: 'hubTag', data: { ref: id, tag }, start: r.start, end: r.end } : { messageId: 'hub', data: { ref: id }, start: r.start, end: r.end });
      return;
    }

    if (!/^https?:\/\//i.test(v)) return;
    const promptfooPrompt = context.document.kind === 'promptfoo' && segment.path[0] === 'prompts' && (segment.path.length === 2 || key === 'id' || key === 'raw');
    if (!promptfooPrompt && !URL_KEY.test(key)) return;
    if (PINNED_URL.test(v)) return;
    const host = /^https?:\/\/(?:[^/@?#\s]{0,200}@)?(\[[^\]]{1,60}\]|[^/:?#\s]{1,253})/i.exec(v)?.[1] ?? '';
    if (!host || /^(?:localhost|127\.\d{1,3}\.\d{1,3}\.\d{1,3}|\[::1\])$/i.test(host)) return;
    const plain = /^http:/i.test(v);
    const r = segmentRange(segment, lead, lead + v.length);
    context.report({ messageId: 'url', data: { host, plain: plain ? ' over plain http' : '' }, start: r.start, end: r.end, securitySeverity: plain ? 'high' : 'medium' });
  },
};

export function lastKey(segment: TextSegment): string {
  for (let i = segment.path.length - 1; i >= 0; i--) {
    const k = segment.path[i];
    if (typeof k === 'string') return k.replace(/[_-]/g, '').toLowerCase();
  }
  return '';
}

export const HUB_SCHEME = /^(?:langchain-hub|lc-hub|hub):\/\//i;
/** `owner/name` or `owner/name:commit-or-tag`; hub names have no dots, which keeps file paths out. */
export const HUB_ID = /^([a-z0-9][\w-]{0,62}\/[a-z0-9][\w-]{0,99})(?::([\w.-]{1,64}))?$/i;
/** Keys that hold a hub reference (normalised: no `_` or `-`, lower case). */
export const HUB_KEY = /^(?:hub|hub(?:prompt|ref|id|handle|repo|name|path|reference)|prompt(?:id|ref|handle|repo|hub|identifier|reference)|langchainhub\w{0,20}|lchub\w{0,20}|hubpromptid)$/;
/** Generic prompt keys: an `owner/name` value there is read as a hub id unless the owner looks like a folder. */
export const PROMPT_KEY = /^(?:prompt|promptname|systemprompt)$/;
export const FOLDER_OWNER = /^(?:prompts?|templates?|src|lib|config|configs|data|docs|assets|files|system|agents?|tasks?|examples?|tests?)\//i;
/** Keys whose URL value is fetched as a prompt or template. */
const URL_KEY = /^(?:templatepath|templateurl|templatefile|promptpath|prompturl|promptfile|promptsource|promptsrc|loadprompt|systemprompturl|systempromptpath|systempromptfile|instructionsurl|rulesurl)$/;
/** A URL that names a full commit (`/blob/<40 hex>/`, `raw.githubusercontent.com/o/r/<40 hex>/`) or carries a digest. */
const PINNED_URL = /\/[0-9a-f]{40}(?:[0-9a-f]{24})?(?:\/|$)|[?&#](?:sha256|integrity|digest)=/i;
