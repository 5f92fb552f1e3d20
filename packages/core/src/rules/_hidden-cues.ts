import { findInjectionPhrases } from './_phrases.ts';
import { sanitize } from '../util/mask.ts';

/**
 * Does a piece of hidden or decoded text (an HTML comment, a collapsed element, a base64 payload) read like an
 * instruction to the model? Combines the shared injection-phrase matcher with wording for exfiltration, secrecy,
 * tool poisoning, command execution and direct address of an AI. Every pattern is bounded (linear).
 */

export type CueKind = 'injection' | 'exfiltration' | 'secrecy' | 'tool-poisoning' | 'execution' | 'address';

export interface Cue {
  readonly start: number;
  readonly end: number;
  readonly kind: CueKind;
  readonly phrase: string;
}

const AI = String.raw`(?:ai|a\.i\.|assistants?|agents?|llms?|(?:large\s)?language\smodels?|claude|cursor|copilot|chatgpt|gpt-?\d[\w.]{0,8}|gemini|codex|windsurf|devin|aider|chatbots?)`;

const PATTERNS: readonly [RegExp, CueKind][] = [
  // "Note to AI", "Dear Claude", "If you are an AI agent"
  [new RegExp(String.raw`\b(?:hey|hi|hello|dear|attention)\s{1,3}(?:an?\s|the\s|all\s|any\s)?${AI}\b`, 'gi'), 'address'],
  [new RegExp(String.raw`\b(?:note|notice|message|instructions?|reminder|warning)\s(?:to|for)\s{1,3}(?:an?\s|the\s|all\s|any\s)?${AI}\s{0,2}[:\-–—]`, 'gi'), 'address'],
  [new RegExp(String.raw`\bfor\s(?:any|all)\s${AI}\s(?:reading|that\sreads?|processing)\b`, 'gi'), 'address'],
  [new RegExp(String.raw`\bif\s(?:you\s(?:are|'re)|you're)\s(?:an?\s)?(?:ai|a\.i\.|llm|language\smodel|bot|chatbot|model|assistant|agent)\b`, 'gi'), 'address'],
  // "Claude: ignore the above", "AI, please run ..." at the start of a sentence
  [new RegExp(String.raw`(?<![^.!?;\n>])\s{0,10}${AI}(?:\s${AI})?\s{0,3}[:,]\s{0,10}(?:please\s)?(?:you|always|never|do|don't|ignore|disregard|run|execute|send|add|insert|include|use|read|fetch|call|reply|respond|say|tell|output|write|print|make|remember|forget|follow|instead|from\snow|when|before|after|if)\b`, 'gi'), 'address'],
  // "the assistant must ...", "AI agents reading this ..."
  [new RegExp(String.raw`\b${AI}\s(?:must|shall|should\s(?:always|never|now|instead|also|secretly|silently|first)|needs?\sto|(?:is|are)\s(?:required|instructed|supposed)\sto|will\snow|has\sto|have\sto)\s`, 'gi'), 'address'],
  [new RegExp(String.raw`\b${AI}\s(?:reading|processing|parsing|summari[sz]ing|seeing|viewing|indexing)\s(?:this|these|the\sabove)\b`, 'gi'), 'address'],
  // Exfiltration wording
  [/\b(?:send|sends|post|upload|forward|transmit|exfiltrate|leak|e-?mail|beacon)\b(?:[^.\n]|\.(?=\S)){0,120}?\b(?:to|into|at)\s{1,3}(?:https?:\/\/|[\w.+-]{1,64}@[\w-]{1,63}\.[a-z]{2,})/gi, 'exfiltration'],
  [/\b(?:curl|wget|invoke-webrequest|iwr|nc|ncat)\b[^\n]{0,100}?(?:https?:\/\/|\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3})/gi, 'exfiltration'],
  [/\b(?:read|cat|open|include|collect|copy|dump|print|list)\b(?:[^.\n]|\.(?=\S)){0,60}?(?:~\/\.ssh|id_rsa|id_ed25519|\.aws\/credentials|\.npmrc|\.netrc|\.env\b|mcp\.json|private\skeys?|api[\s_-]?keys?|passwords?|credentials|access\stokens?)/gi, 'exfiltration'],
  // Secrecy towards the user
  [/\b(?:do\snot|don't|never|without)\s(?:tell(?:ing)?|mention(?:ing)?|reveal(?:ing)?|inform(?:ing)?|notify(?:ing)?|show(?:ing)?|alert(?:ing)?|asking)\s(?:this\s(?:to\s)?|it\s(?:to\s)?|anything\s(?:to\s)?)?(?:the\s)?user\b/gi, 'secrecy'],
  [/\bhide\s(?:this|it|these)\s(?:\w{1,20}\s)?from\s(?:the\s)?user\b|\b(?:secretly|silently|quietly|covertly)\s(?:add|insert|include|send|run|execute|call|install|modify|change|append|inject|read|upload)\b/gi, 'secrecy'],
  // Tool poisoning
  [/<(?:IMPORTANT|SYSTEM|ADMIN|HIDDEN|INSTRUCTIONS?)>|\bSYSTEM\sOVERRIDE\b/g, 'tool-poisoning'],
  [/\bbefore\s(?:using|calling|invoking)\s(?:this|any|the)\s(?:\w{1,30}\s)?tool\b|\botherwise\sthe\stool\s(?:will|would)\snot\swork\b/gi, 'tool-poisoning'],
  // Command execution
  [/\b(?:run|execute|exec|invoke)\s(?:the\sfollowing\s|this\s)?`?(?:curl|wget|bash|sh|zsh|rm\s-|powershell|pwsh|python3?\s-c|node\s-e|eval)\b/gi, 'execution'],
  [/\b(?:curl|wget)\b[^\n|]{0,200}\|\s{0,3}(?:sudo\s)?(?:ba|z)?sh\b/gi, 'execution'],
];

/**
 * Every cue contains a word, and the matching normalisation only makes words out of letters or non-ASCII
 * characters (NFKC, leetspeak next to a letter, spaced-out letters): ASCII text without a letter holds none.
 * One native pass that spares the normaliser and ~40 pattern passes over, for example, a file-long run of `<!--`.
 */
const MAY_HOLD_WORDS = /[A-Za-z\u0080-\uffff]/;

/** Cues in `text`, in order of position. */
export function findHiddenCues(text: string): Cue[] {
  if (!MAY_HOLD_WORDS.test(text)) return [];
  const out: Cue[] = [];
  for (const p of findInjectionPhrases(text)) out.push({ start: p.start, end: p.end, kind: 'injection', phrase: p.phrase });
  for (const [re, kind] of PATTERNS) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      let s = m.index;
      let phrase = m[0];
      const lead = phrase.length - phrase.replace(/^[.!?;\n>\s]+/, '').length;
      s += lead;
      phrase = phrase.slice(lead);
      out.push({ start: s, end: s + phrase.length, kind, phrase });
      if (m[0].length === 0) re.lastIndex++;
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

/** Short, single-line quote of a cue for a message (secrets masked before shortening, so no prefix of one leaks). */
export function quoteCue(phrase: string): string {
  const one = sanitize(phrase.replace(/\s+/g, ' ').trim());
  return one.length > 60 ? `${one.slice(0, 57)}...` : one;
}

/** Human name of a cue kind for messages. */
export const CUE_LABEL: Readonly<Record<CueKind, string>> = {
  injection: 'an injection phrase',
  exfiltration: 'exfiltration wording',
  secrecy: 'secrecy towards the user',
  'tool-poisoning': 'tool-poisoning wording',
  execution: 'a command to execute',
  address: 'an instruction addressed to an AI',
};
