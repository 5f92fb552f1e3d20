/**
 * Keyword gates for the injection phrase patterns (the literal prefilter gitleaks uses, per pattern).
 *
 * Every phrase pattern in `_phrases.ts` is a large Unicode alternation with a look-behind at its start, so V8
 * cannot skip ahead with a literal search: running ~35 of them over every segment was a third of a cold run.
 * A gate lists words that any match of a pattern must contain: groups of alternatives, all groups required
 * (AND of ORs). One linear token pass over the normalised text marks the groups present, and a pattern whose
 * groups are not all present is not run. A gate may only be looser than its pattern, never stricter:
 * packages/core/test/phrase-gates.test.ts checks gated and ungated scans agree on every labelled attack text
 * and on generated phrase soups.
 *
 * Tokens are maximal runs of letters and digits (`\p{L}`, `\p{N}`), which is exactly where the patterns' word
 * boundaries (`B`, `E` in `_phrases.ts`) fall; an apostrophe splits a token ("don't" = "don" "t"). A gate entry of
 * several words matches consecutive tokens whatever separates them.
 */

/** Gate per pattern id: every inner list is one group of alternatives; all groups must be present. */
export const PHRASE_GATES: Readonly<Record<string, readonly (readonly string[])[]>> = {
  override: [
    ['ignore', 'ignoring', 'disregard', 'disregarding', 'forget', 'forgetting', 'neglect', 'do not', 'don t', 'dont', 'stop following', 'stop obeying', 'pay no', 'nevermind', 'never mind', 'override', 'overriding', 'overrule', 'bypass', 'bypassing', 'skip', 'omit', 'discard', 'abandon', 'ditch', 'drop', 'set aside', 'throw out', 'throw away', 'circumvent', 'evade', 'violate', 'break'],
    ['instruction', 'instructions', 'prompt', 'prompts', 'rules', 'guidelines', 'directives', 'directions', 'commands', 'guardrails', 'policy', 'policies', 'restrictions', 'constraints', 'programming', 'training', 'orders', 'guidance', 'safeguards', 'filters', 'limitations', 'protocol', 'protocols', 'moderation', 'system', 'systemprompt', 'context', 'message', 'messages', 'input', 'inputs', 'text', 'content', 'conversation', 'data', 'information', 'info', 'statement', 'statements', 'request', 'requests', 'task', 'tasks', 'assignment', 'assignments', 'answer', 'answers', 'response', 'responses', 'everything', 'anything'],
  ],
  // Only the verb: the pattern lets up to 24 characters of any kind run into its closing word ("before").
  'override-everything': [['ignore', 'disregard', 'forget']],
  'override-rest': [['ignore', 'disregard', 'skip'], ['rest']],
  'override-training': [
    ['forget', 'ignore', 'disregard'],
    ['chatgpt', 'chat', 'openai', 'anthropic', 'training', 'programming', 'developer', 'developers', 'creator', 'creators'],
  ],
  'override-except': [['ignore', 'disregard', 'forget'], ['except', 'but'], ['following']],
  'override-void': [
    ['instructions', 'prompt', 'prompts', 'rules', 'guidelines', 'directives'],
    ['void', 'cancelled', 'canceled', 'revoked', 'overridden', 'obsolete', 'null', 'invalid', 'suspended', 'lifted', 'deprecated', 'no longer'],
  ],
  'override-fr-0': [
    ['ignore', 'ignorer', 'ignorez', 'oublie', 'oublier', 'oubliez', 'ne', 'fais', 'faites', 'passe', 'passer', 'passez', 'outrepasse', 'outrepasser', 'outrepassez', 'contourne', 'contourner', 'contournez', 'n', 'nobéis', 'nobéissez', 'cesse', 'cessez', 'arrête', 'arrêtez'],
    ['instructions', 'consignes', 'règles', 'directives', 'indications', 'ordres', 'contraintes', 'garde', 'gardefous'],
  ],
  'override-fr-1': [['ignore', 'ignorer', 'ignorez', 'oublie', 'oublier', 'oubliez'], ['instructions', 'consignes', 'règles', 'directives']],
  'override-fr-2': [['ignore', 'ignorer', 'ignorez', 'oublie', 'oublier', 'oubliez', 'ne', 'fais', 'faites'], ['tout']],
  'override-es-3': [
    ['ignora', 'ignore', 'ignoren', 'ignorar', 'ignorad', 'olvida', 'olvide', 'olviden', 'olvidar', 'olvídate', 'olvidate', 'olvídese', 'haz', 'haga', 'no', 'pasa', 'omite', 'desobedece', 'salta', 'saltate', 'deja'],
    ['instrucciones', 'indicaciones', 'reglas', 'órdenes', 'ordenes', 'directrices', 'normas', 'restricciones', 'pautas'],
  ],
  'override-es-4': [['ignora', 'ignore', 'olvida', 'olvide', 'olvídate', 'olvidate'], ['lo']],
  'override-de-5': [['ignorier', 'ignoriere', 'ignorieren', 'ignoriert', 'vergiss', 'vergesst', 'vergessen', 'missachte', 'missachten', 'missachtet', 'übergeh', 'übergehe', 'übergehen', 'übergeht', 'umgeh', 'umgehe', 'umgehen', 'umgeht', 'verwirf', 'verwerfen', 'setze', 'setzen', 'hebe', 'heben']],
  'override-de-6': [['vergiss', 'vergesst', 'vergessen', 'ignorier', 'ignoriere', 'ignorieren'], ['alles']],
  'override-de-7': [['vorherigen', 'bisherigen', 'obigen', 'vorigen', 'früheren', 'ursprünglichen']],
  'override-it-8': [
    ['ignora', 'ignori', 'ignorate', 'ignorare', 'dimentica', 'dimentichi', 'dimenticate', 'dimenticare', 'non', 'trascura', 'tralascia', 'scavalca', 'bypassa', 'aggira'],
    ['istruzioni', 'indicazioni', 'regole', 'direttive', 'consegne', 'linee', 'restrizioni', 'ordini'],
  ],
  'override-it-9': [['dimentica', 'dimenticate', 'ignora', 'ignorate'], ['tutto']],
  'override-pt-10': [
    ['ignore', 'ignora', 'ignorar', 'ignorem', 'esqueça', 'esqueca', 'esquece', 'esqueçam', 'esquecer', 'desconsidere', 'desconsidera', 'desconsiderar', 'despreze', 'desobedeça', 'não', 'nao', 'pule'],
    ['instruções', 'instrucoes', 'orientações', 'orientacoes', 'regras', 'diretrizes', 'ordens', 'restrições', 'restricoes', 'comandos'],
  ],
  'override-pt-11': [['esqueça', 'esqueca', 'esquece', 'ignore', 'ignora', 'desconsidere'], ['tudo']],
  'override-nl-12': [
    ['negeer', 'negeert', 'negeren', 'vergeet', 'vergeten', 'sla', 'omzeil', 'omzeilen', 'passeer'],
    ['instructies', 'aanwijzingen', 'regels', 'opdrachten', 'richtlijnen', 'instructie', 'beperkingen'],
  ],
  'override-nl-13': [['vergeet', 'negeer'], ['alles']],
  'override-nl-14': [['vorige', 'eerdere', 'voorgaande', 'bovenstaande'], ['negeren', 'vergeten', 'overslaan']],
  extraction: [
    ['repeat', 'recite', 'print', 'reveal', 'show', 'display', 'output', 'dump', 'leak', 'disclose', 'expose', 'tell me', 'give me', 'share', 'write out', 'write down', 'spell out', 'paste', 'echo', 'type out', 'return', 'send me', 'read back', 'read out', 'encode', 'translate', 'what', 'whats', 'let me', 'i need', 'i want'],
    ['system', 'systemprompt', 'systemmessage', 'sysprompt', 'preprompt', 'prompt', 'instructions', 'instruction', 'directive', 'directives', 'configuration', 'message', 'rules', 'text', 'words'],
  ],
  'extraction-above': [
    ['repeat', 'recite', 'print', 'output', 'copy', 'rewrite', 'reproduce', 'echo', 'dump', 'return', 'translate'],
    ['above', 'before', 'so far', 'preceding', 'entire', 'everything'],
  ],
  'extraction-told': [['what'], ['told', 'instructed', 'given', 'programmed']],
  'extraction-code': [['systemprompt', 'systemmessage', 'system', 'initialprompt', 'sysprompt']],
  'extraction-seed': [
    ['start', 'begin', 'complete', 'continue', 'finish', 'prefix'],
    ['instructions', 'prompt', 'rules', 'directives', 'instructed', 'told', 'programmed', 'system'],
  ],
  'extraction-forbidden': [['what'], ['tell', 'say', 'reveal', 'share', 'disclose', 'mention']],
  'extraction-fr-0': [
    ['répète', 'repete', 'répétez', 'affiche', 'affichez', 'montre', 'montrez', 'révèle', 'revele', 'révélez', 'donne', 'donnez', 'écris', 'ecris', 'écrivez', 'recopie', 'recopiez', 'dis', 'dites', 'imprime', 'imprimez'],
    ['prompt', 'invite', 'message', 'instructions', 'consignes'],
  ],
  'extraction-es-1': [
    ['repite', 'repita', 'muestra', 'muéstrame', 'muestrame', 'muestre', 'revela', 'revele', 'imprime', 'imprima', 'dime', 'dígame', 'escribe', 'escriba', 'enséñame', 'ensename', 'copia'],
    ['prompt', 'mensaje', 'instrucciones'],
  ],
  'extraction-de-2': [
    ['wiederhole', 'wiederholen', 'zeige', 'zeig', 'zeigen', 'gib', 'geben', 'verrate', 'verraten', 'nenne', 'drucke', 'schreibe', 'schreib'],
    ['systemprompt', 'system', 'systemnachricht', 'systemanweisungen', 'anfangsanweisungen', 'anweisungen', 'ursprünglichen', 'prompt'],
  ],
  'extraction-it-3': [
    ['ripeti', 'ripetete', 'mostra', 'mostrami', 'mostrate', 'rivela', 'rivelami', 'stampa', 'dimmi', 'scrivi', 'scrivimi', 'copia'],
    ['prompt', 'messaggio', 'istruzioni'],
  ],
  'extraction-pt-4': [
    ['repita', 'repete', 'mostre', 'mostra', 'revele', 'revela', 'imprima', 'diga', 'escreva', 'copie'],
    ['prompt', 'mensagem', 'instruções', 'instrucoes'],
  ],
  'extraction-nl-5': [
    ['herhaal', 'toon', 'laat', 'geef', 'onthul', 'print', 'schrijf'],
    ['systeemprompt', 'systeem', 'systeembericht', 'systeeminstructies', 'oorspronkelijke', 'eerste', 'verborgen'],
  ],
  jailbreak: [[
    'anything', 'mode', 'developermode', 'danmode', 'godmode', 'jailbreakmode', 'jailbrokenmode', 'evilmode', 'unrestrictedmode', 'unfilteredmode', 'uncensoredmode',
    'jailbroken', 'jail', 'liberated', 'unshackled', 'unchained', 'confines', 'restrictions', 'rules', 'limitations', 'guidelines', 'filters', 'policies', 'policy',
    'censorship', 'ethics', 'morals', 'morality', 'constraints', 'principles', 'programming', 'standards', 'considerations', 'limits', 'boundaries', 'compass',
    'unrestricted', 'uncensored', 'unfiltered', 'unlimited', 'refuse', 'refuses', 'character',
  ]],
  'jailbreak-cue': [[
    'amoral', 'unethical', 'immoral', 'uncensored', 'unrestricted', 'unfiltered', 'unrestrained', 'uninhibited', 'jailbreak', 'morals', 'moral', 'morality', 'ethics',
    'ethical', 'ethicality', 'legality', 'law', 'laws', 'consequences', 'filters', 'restrictions', 'limits', 'limitations', 'censorship', 'boundaries', 'warnings',
    'disclaimers', 'character', 'char', 'refuse', 'refuses', 'longer', 'chatgpt', 'chat', 'ai', 'gpt', 'claude', 'bard', 'gemini', 'assistant', 'illegal',
    'everything', 'question', 'prompt', 'request', 'policy', 'policies', 'dan',
  ]],
  persona: [['now', 'going', 'pretend', 'act', 'immerse', 'role', 'roleplay', 'simulate', 'will', 'character', 'persona', 'known', 'called', 'named']],
};

interface Entry {
  /** Tokens before the last one, in order. */
  readonly before: readonly string[];
  readonly groups: readonly number[];
}

/** A compiled set of gates: which groups each pattern needs, and an index of entries by their last token. */
export class PhraseGates {
  private readonly byLast = new Map<string, Entry[]>();
  private readonly needs = new Map<string, readonly number[]>();
  private readonly groupCount: number;
  /** Finds the words entries end with, as whole tokens (one native pass; 2-3x faster than a JS token loop). */
  private readonly lastWords: RegExp;

  constructor(gates: Readonly<Record<string, readonly (readonly string[])[]>>) {
    let group = 0;
    const pending = new Map<string, Set<number>>();
    for (const [id, groups] of Object.entries(gates)) {
      const ids: number[] = [];
      for (const alternatives of groups) {
        const g = group++;
        ids.push(g);
        for (const phrase of alternatives) {
          let set = pending.get(phrase);
          if (!set) pending.set(phrase, (set = new Set()));
          set.add(g);
        }
      }
      this.needs.set(id, ids);
    }
    for (const [phrase, groups] of pending) {
      const words = phrase.split(' ');
      const last = words.pop()!;
      for (const w of [...words, last]) if (!/^[\p{L}\p{N}]+$/u.test(w)) throw new Error(`phrase gate word is not one token: ${JSON.stringify(w)}`);
      let list = this.byLast.get(last);
      if (!list) this.byLast.set(last, (list = []));
      list.push({ before: words, groups: [...groups] });
    }
    this.groupCount = group;
    const lasts = [...this.byLast.keys()].sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
    this.lastWords = new RegExp(`(?<![\\p{L}\\p{N}])(?:${lasts.join('|')})(?![\\p{L}\\p{N}])`, 'gu');
  }

  /** The groups present in normalised `text`, for `passes`. One linear pass. */
  scan(text: string): Uint8Array {
    const present = new Uint8Array(this.groupCount);
    const re = this.lastWords;
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      for (const e of this.byLast.get(m[0]) ?? []) {
        if (e.before.length && !endsWithWords(text, m.index, e.before)) continue;
        for (const g of e.groups) present[g] = 1;
      }
    }
    return present;
  }

  /** Whether pattern `id` can match text whose groups are `present` (patterns without a gate always can). */
  passes(id: string, present: Uint8Array): boolean {
    const ids = this.needs.get(id);
    if (!ids) return true;
    for (const g of ids) if (present[g] !== 1) return false;
    return true;
  }
}

/** Whether the tokens right before offset `at` (a token start) are `words`, in order. */
function endsWithWords(text: string, at: number, words: readonly string[]): boolean {
  let p = at;
  for (let k = words.length - 1; k >= 0; k--) {
    while (p > 0 && !isWordUnit(text.charCodeAt(p - 1))) p--;
    const end = p;
    while (p > 0 && isWordUnit(text.charCodeAt(p - 1))) p--;
    if (end === p || text.slice(p, end) !== words[k]) return false;
  }
  return true;
}

const WORD_CACHE = new Map<number, boolean>();
const WORD = /[\p{L}\p{N}]/u;

/** A UTF-16 unit that is a letter or digit on its own. Surrogates count as separators: a token never spans them. */
function isWordUnit(code: number): boolean {
  if (code < 0x80) return (code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a);
  if (code >= 0xd800 && code <= 0xdfff) return false;
  let v = WORD_CACHE.get(code);
  if (v === undefined) {
    v = WORD.test(String.fromCharCode(code));
    if (WORD_CACHE.size < 65536) WORD_CACHE.set(code, v);
  }
  return v;
}
