/**
 * Shared detection of prompt-injection phrases, for the `injection` rules and for any rule that wants to know
 * whether a piece of text (a hidden comment, a decoded payload) reads like an injection.
 */

export type InjectionPhraseKind = 'override' | 'extraction' | 'jailbreak' | 'role-token';

export interface InjectionPhrase {
  /** Offsets into the text that was passed in (UTF-16 code units, end exclusive). */
  readonly start: number;
  readonly end: number;
  readonly kind: InjectionPhraseKind;
  /** The matched text, as written in the input. */
  readonly phrase: string;
}

const SIMPLE: readonly [RegExp, InjectionPhraseKind][] = [
  [/\b(?:ignore|disregard|forget|bypass|override)\s+(?:all\s+)?(?:(?:the|your|previous|prior|above|earlier|system)\s+){0,3}(?:instructions|prompts?|rules|guidelines|directives)\b/gi, 'override'],
  [/\b(?:repeat|print|reveal|show|output)\s+(?:me\s+)?(?:your|the)\s+(?:system\s+prompt|initial\s+instructions)\b/gi, 'extraction'],
  [/\bdo\s+anything\s+now\b|\bdeveloper\s+mode\b/gi, 'jailbreak'],
  [/<\|im_start\|>|<\|im_end\|>|\[INST\]|<<SYS>>|<\|(?:system|user|assistant)\|>/g, 'role-token'],
];

/** Injection phrases in `text` (first version; the rules' full matcher replaces it). */
export function findInjectionPhrases(text: string): InjectionPhrase[] {
  const out: InjectionPhrase[] = [];
  for (const [re, kind] of SIMPLE) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) out.push({ start: m.index, end: m.index + m[0].length, kind, phrase: m[0] });
  }
  return out.sort((a, b) => a.start - b.start);
}
