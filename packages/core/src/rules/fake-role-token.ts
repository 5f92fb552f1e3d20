import type { PromptDocument, PromptMessageNode, Rule, SegmentContext, TextSegment } from '../types.ts';
import { segmentRange } from '../engine.ts';
import { docsUrl } from './_docs-url.ts';
import { isChatTemplateFile, placement, segmentPhrases, weigh } from './_injection-context.ts';

const MAX_PER_SEGMENT = 50;

/** Where a turn marker or role token is foreign: text the model reads as data or as a user's turn. */
const TOKEN_CONTEXTS: ReadonlySet<SegmentContext> = new Set(['prose', 'html', 'front-matter', 'message', 'tool-description', 'instructions', 'config-value', 'comment', 'raw', 'system-message']);

/** A line that opens a chat turn: `User:`, `### System:`, `**Assistant:**`, `SYSTEM OVERRIDE:`. */
const TURN_LINE = /^[ \t>]{0,8}(?:#{1,6}[ \t]{0,4})?(?:\*\*|__)?(SYSTEM|System|USER|User|HUMAN|Human|ASSISTANT|Assistant|AI|Model)(?:\*\*|__)?(?:[ \t]{1,4}(OVERRIDE|MESSAGE|PROMPT|INSTRUCTIONS?|NOTE|UPDATE))?(?:\*\*|__)?[ \t]{0,4}:(?:\*\*|__)?(?=[ \t]|$)/gm;
/** Bracketed system markers inside text: `[system]`, `<system>`, `{System:`, `|||ADMIN_OVERRIDE|||`, a line-start `Administrator override:`. */
const SYSTEM_TAG = /\[(?:system|SYSTEM|System)\](?!\()|<\/?system>|\{System:|\|\|\|(?:ADMIN|SYSTEM)_OVERRIDE\|\|\||\bSYSTEM[ _]OVERRIDE\b|\bADMIN[ _]OVERRIDE\b|^[ \t>]{0,8}(?:Administrator|Admin|System|Developer|Root)[ \t]{1,4}[Oo]verride[ \t]{0,4}:/gm;

type Role = 'system' | 'user' | 'assistant';

function roleOf(word: string): Role {
  const w = word.toLowerCase();
  return w === 'system' ? 'system' : w === 'user' || w === 'human' ? 'user' : 'assistant';
}

function messageRole(document: PromptDocument, segment: TextSegment): string | undefined {
  const key = segment.path.join('\u0000');
  for (const n of document.nodes) {
    if (n.type === 'prompt-message' && (n as PromptMessageNode).template.path.join('\u0000') === key) return (n as PromptMessageNode).role?.toLowerCase();
  }
  return undefined;
}

/**
 * Chat-template control tokens and fake turn markers in prompt text: ChatML, Llama, Gemma and DeepSeek tokens,
 * `SYSTEM:` lines after a user turn, and an `Assistant:` turn where no assistant turn belongs.
 */
export const fakeRoleToken: Rule = {
  meta: {
    id: 'fake-role-token',
    category: 'injection',
    type: 'problem',
    docs: {
      description: 'Prompt text must not contain chat-template role tokens or fake system/assistant turns',
      preset: 'recommended',
      url: docsUrl('fake-role-token'),
    },
    defaultSeverity: 'error',
    securitySeverity: 'high',
    messages: {
      token: "Chat-template token '{{token}}' in prompt text: it can forge a system or assistant turn.",
      systemTurn: "Fake system turn '{{marker}}': text that poses as a system message inside other content.",
      assistantTurn: "Fake assistant turn '{{marker}}' {{where}}: it puts words in the model's mouth.",
      userTurn: "Fake user turn '{{marker}}' in a tool description: tool text should not script a conversation.",
    },
  },
  checkDocument(document, context) {
    if (isChatTemplateFile(document.file.path)) return;
    let sawUser = false;
    for (const segment of document.segments) {
      if (!TOKEN_CONTEXTS.has(segment.context)) continue;
      const text = segment.value;
      // Judge at most MAX_PER_SEGMENT candidates of each kind: enough to report, bounded on adversarial input.
      let budget = MAX_PER_SEGMENT;
      const reported = new Set<number>();
      // 1. Control tokens.
      for (const p of segmentPhrases(segment)) {
        if (p.kind !== 'role-token') continue;
        if (--budget < 0) break;
        if (placement(text, p.start, p.end) !== 'attack') continue;
        const r = segmentRange(segment, p.start, p.end);
        context.report({ messageId: 'token', data: { token: p.phrase }, start: r.start, end: r.end, securitySeverity: weigh('high', 'attack', segment, document) });
      }
      // 2. Bracketed system markers.
      if (segment.context !== 'system-message') {
        SYSTEM_TAG.lastIndex = 0;
        budget = MAX_PER_SEGMENT;
        for (let m = SYSTEM_TAG.exec(text); m && --budget >= 0; m = SYSTEM_TAG.exec(text)) {
          if (placement(text, m.index, m.index + m[0].length) !== 'attack') continue;
          const at = m.index + m[0].length - m[0].trimStart().length;
          reported.add(at);
          const r = segmentRange(segment, at, m.index + m[0].length);
          context.report({ messageId: 'systemTurn', data: { marker: m[0].trim() }, start: r.start, end: r.end, securitySeverity: weigh('medium', 'attack', segment, document) });
        }
      }
      // 3. Turn lines. A system prompt's own few-shot examples are normal, so system messages are skipped.
      if (segment.context === 'system-message' || segment.context === 'instructions') continue;
      const role = segment.context === 'message' ? messageRole(document, segment) : undefined;
      const userSlot = segment.context === 'message' && (role === 'user' || role === 'human');
      const foreign = segment.context === 'tool-description' || segment.context === 'config-value' || segment.context === 'html' || segment.context === 'comment';
      TURN_LINE.lastIndex = 0;
      let first = true;
      budget = MAX_PER_SEGMENT;
      for (let m = TURN_LINE.exec(text); m && --budget >= 0; m = TURN_LINE.exec(text)) {
        const word = m[1]!;
        const r0 = roleOf(word);
        const markerStart = m.index + m[0].length - m[0].trimStart().length;
        const marker = m[0].trim();
        const isFirst = first;
        first = false;
        if (r0 === 'user') {
          if (segment.context === 'tool-description') {
            const r = segmentRange(segment, markerStart, m.index + m[0].length);
            context.report({ messageId: 'userTurn', data: { marker }, start: r.start, end: r.end });
          }
          sawUser = true;
          continue;
        }
        if (r0 === 'system') {
          const authority = m[2] !== undefined || word === 'SYSTEM';
          if (!(foreign || userSlot || (sawUser && authority) || m[2] === 'OVERRIDE') || reported.has(markerStart)) continue;
          const r = segmentRange(segment, markerStart, m.index + m[0].length);
          context.report({ messageId: 'systemTurn', data: { marker }, start: r.start, end: r.end, securitySeverity: weigh('medium', 'attack', segment, document) });
          continue;
        }
        // Assistant turn: foreign anywhere in a user slot or data; in a prompt body only when it opens a fake
        // continuation (the first turn marker, with a user turn after it).
        let where = '';
        if (userSlot) where = 'in a user message template';
        else if (foreign) where = 'in data the model reads';
        else if (isFirst && /^[ \t>]{0,8}(?:#{1,6}[ \t]{0,4})?(?:\*\*|__)?(?:USER|User|HUMAN|Human)(?:\*\*|__)?[ \t]{0,4}:/m.test(text.slice(m.index + m[0].length, m.index + m[0].length + 400))) {
          where = 'before a user turn (a forged continuation)';
        }
        if (!where) continue;
        const r = segmentRange(segment, markerStart, m.index + m[0].length);
        context.report({ messageId: 'assistantTurn', data: { marker, where }, start: r.start, end: r.end, securitySeverity: 'medium' });
      }
    }
  },
};
