/**
 * Shared detection of prompt-injection phrases, for the `injection` rules and for any rule that wants to know
 * whether a piece of text (a hidden comment, a decoded payload) reads like an injection.
 *
 * Phrases are matched on normalised text (`util/normalize.ts`: NFKC, no zero-width or tag characters,
 * lower case, leetspeak, separators inside words removed), and every match is mapped back to the exact range
 * of the input. Role tokens are matched on the raw text too, so the full-width DeepSeek bars are seen as written.
 *
 * Every pattern uses bounded quantifiers only; each scan is linear in the text length.
 */
import { normalizeForMatching, rawRangeOf, type NormalizedText } from '../util/normalize.ts';
import { PHRASE_GATES, PhraseGates } from './_phrase-gates.ts';

export type InjectionPhraseKind = 'override' | 'extraction' | 'jailbreak' | 'role-token';

export interface InjectionPhrase {
  /** Offsets into the text that was passed in (UTF-16 code units, end exclusive). */
  readonly start: number;
  readonly end: number;
  readonly kind: InjectionPhraseKind;
  /** The matched text, as written in the input. */
  readonly phrase: string;
}

/** A phrase with what the injection rules need to weigh it. */
export interface PhraseMatch extends InjectionPhrase {
  /** Language of the pattern (`en`, `fr`, ..., `any` for tokens). */
  readonly lang: string;
  /** `strong` phrases are reported alone; `weak` jailbreak cues only in numbers. */
  readonly strength: 'strong' | 'weak';
  /** Pattern name, for messages and tests. */
  readonly id: string;
}

interface Pattern {
  readonly id: string;
  readonly kind: InjectionPhraseKind;
  readonly lang: string;
  readonly re: RegExp;
  readonly strength?: 'strong' | 'weak';
  /** Extra check on the normalised match. */
  readonly accept?: (m: RegExpExecArray, norm: string) => boolean;
}

// Building blocks (normalised text: lower case, NFKC). `S` is a short run of spaces.
const S = '[\\s]{1,4}';
/** Optional spaces. */
const S0 = '[\\s]{0,4}';
const B = '(?<![\\p{L}\\p{N}])';
const E = '(?![\\p{L}\\p{N}])';
const APOS = "['’]?";

function re(source: string): RegExp {
  return new RegExp(source, 'gu');
}

// ---------------------------------------------------------------------------------------------
// English override (PI1)

const EN_STRONG_VERB = `ignore|ignoring|disregard|disregarding|forget|forgetting|neglect|do${S}not${S}(?:follow|obey|heed|adhere${S}to)|don${APOS}t${S}(?:follow|obey|heed|adhere${S}to)|stop${S}(?:following|obeying)|pay${S}no${S}(?:attention|heed)${S}to|nevermind|never${S}mind`;
const EN_WEAK_VERB = `override|overriding|overrule|bypass|bypassing|skip|omit|discard|abandon|ditch|drop|set${S}aside|throw${S}(?:out|away)|circumvent|evade|violate|break`;
const EN_FILLER = `all|any|of|the|your|my|our|these|those|its|their|previous|previously|prior|preceding|above|earlier|former|original|initial|old|existing|current|given|provided|system|developer|safety|ethical|moral|security|content|every|other|such|that|this|and|or|mentioned|stated|listed|default|openai|openai${APOS}s|built-?in|preset|programmed|standard|usual|normal|internal|hidden|core|base|pre-?set|earlier|aforementioned|foregoing|said|received`;
const EN_OBJECT = `instructions?|prompts?|rules|guidelines|directives|directions|commands|guardrails|polic(?:y|ies)|restrictions|constraints|programming|training|orders|guidance|safeguards|filters|limitations|protocols?|moderation|system${S}(?:prompt|message)s?|systemprompt`;
const EN_WEAK_OBJECT = `context|messages?|inputs?|text|content|conversation|data|information|info|statements?|requests?|tasks?|assignments?|answers?|responses?|everything|anything`;
/** Modifiers that make an override about the model's own earlier instructions. */
const EN_MOD = new RegExp(`${B}(?:all|previous|previously|prior|preceding|above|earlier|former|original|initial|old|existing|system|developer|safety|ethical|moral|security|openai|openai${APOS}s|programmed|internal|core|your|aforementioned|foregoing|received|content)${E}`, 'u');
/** Weak verbs ("override", "bypass", "skip") need a modifier that points at the model's own rules. */
const EN_MOD_WEAK = new RegExp(`${B}(?:all|previous|previously|prior|preceding|above|earlier|your|safety|ethical|moral|security|openai|openai${APOS}s|content|programmed|internal|core|system)${E}`, 'u');
const EN_PREV = new RegExp(`${B}(?:previous|previously|prior|preceding|above|earlier|former|aforementioned|foregoing)${E}`, 'u');
const EN_STRONG_VERB_RE = new RegExp(`^(?:${EN_STRONG_VERB})`, 'u');
const EN_BENIGN_AFTER = `(?!${S}(?:on|in|for|of|from|at|printed|inside|under)${S}(?:the${S}|this${S}|that${S}|each${S})?(?:page|step|box|label|package|packaging|manual|leaflet|sheet|form|screen|installer|website|site|wiki|readme|card|back|door|bottle|sign|map|thumb)${E})`;

const EN_OVERRIDE = re(`${B}(${EN_STRONG_VERB}|${EN_WEAK_VERB})((?:${S}(?:${EN_FILLER})){0,5})${S}(${EN_OBJECT}|${EN_WEAK_OBJECT})${E}${EN_BENIGN_AFTER}`);

function acceptEnglishOverride(m: RegExpExecArray): boolean {
  const verb = m[1]!;
  const fillers = m[2] ?? '';
  const object = m[3]!;
  const strongVerb = EN_STRONG_VERB_RE.test(verb);
  const weakObject = new RegExp(`^(?:${EN_WEAK_OBJECT})$`, 'u').test(object);
  if (weakObject) {
    if (object === 'everything' || object === 'anything') return false; // handled by EN_EVERYTHING
    return EN_PREV.test(fillers) || /\ball of the above\b/.test(fillers);
  }
  if (!strongVerb && (!EN_MOD_WEAK.test(fillers) || /^prompts?$/.test(object))) return false;
  if (EN_MOD.test(fillers)) {
    // "your" alone with a weak verb ("drop your guard", "break your rules of thumb") needs a strong object.
    if (!strongVerb && /^\s*your\s*$/.test(fillers) && !/instructions?|prompts?|guidelines|programming|guardrails|system/.test(object)) return false;
    return true;
  }
  return strongVerb && fillers.trim() === '' && /^(?:instructions|prompts?|directives|guardrails|system)/.test(object);
}

const EN_EVERYTHING = re(
  `${B}(?:ignore|disregard|forget)${S}(?:about${S})?(?:everything|anything|all)(?:${S}(?:(?:that|which)${S})?(?:you${APOS}(?:ve)?|you${S}have|i|we|it|they)?${S0}(?:(?:been|were|was|have|had|has)${S})?(?:told|said|say|given|learned|learnt|know|knew|read|received|written|stated|instructed|got|heard|seen))?(?:[\\s\\S]{0,24}?)${S0}(?:before|above|previously|so${S}far|until${S}now|earlier|up${S}to${S}(?:now|this${S}point)|from${S}before|prior${S}to${S}this)${E}`,
);
const EN_FORGET_TRAINING = re(`${B}(?:forget|ignore|disregard)${S}(?:about${S})?(?:everything|all)${S}(?:you${S}(?:learned|learnt|were${S}(?:taught|trained${S}on))${S})?from${S}(?:chat${S0}gpt|openai|anthropic|your${S}(?:training|programming|developers?|creators?))${E}`);
const EN_REST = re(`${B}(?:ignore|disregard|skip)${S}(?:all${S})?(?:of${S})?the${S}rest${S}of${S}(?:this|the|these|that)${S}(?:data|document|text|input|content|message|page|email|e-mail|file|prompt|conversation|context|instructions|resume|article|review)${E}`);
const EN_EXCEPT = re(`${B}(?:ignore|disregard|forget)${S}(?:all|everything|anything)(?:${S}(?:info|information|text|content|data|instructions))?${S}(?:except|but)${S}(?:for${S})?(?:the${S})?following${E}`);
const EN_VOID = re(`${B}(?:your|the|all|any|my)${S}(?:(?:previous|prior|earlier|original|initial|old|system|above)${S}){1,2}(?:instructions|prompts?|rules|guidelines|directives)${S}(?:are|were|have${S}been|is|has${S}been)${S}(?:now${S}|hereby${S}|officially${S})?(?:void|cancelled|canceled|revoked|overridden|obsolete|null|invalid|suspended|lifted|deprecated|no${S}longer${S}(?:valid|apply|applicable|in${S}effect|relevant))${E}`);

// ---------------------------------------------------------------------------------------------
// Override in other languages: native phrasings.

const W = '[^\\s.!?。！？\\n]{1,20}'; // one word (bounded)
const OVERRIDE_I18N: readonly [lang: string, source: string][] = [
  // French: "ignore(z) les instructions précédentes", "oublie tes consignes", "ne tiens pas compte des règles ci-dessus",
  // "fais abstraction de tout ce qui précède"
  ['fr', `${B}(?:ignore[rz]?|oublie[rz]?|oubliez|ne${S}(?:tiens|tenez|tenir)${S}(?:pas|plus)${S}compte${S}(?:de|des|du)|fai(?:s|tes)${S}abstraction${S}(?:de|des|du)|passe[rz]?${S}outre${S}(?:à|a|aux)|outrepasse[rz]?|contourne[rz]?|n${APOS}obéi(?:s|ssez)${S}plus${S}(?:à|a|aux)|ne${S}(?:suis|suivez|respecte|respectez|tiens|tenez)${S}plus(?:${S}compte${S}(?:de|des|du))?|(?:cesse|cessez|arrête|arrêtez)${S}de${S}(?:suivre|respecter))${S}(?:(?:toutes|tous|tout)${S})?(?:(?:les|tes|vos|ces|des|leurs?)${S})?(?:(?:précédentes|anciennes|premières|toutes)${S})?(?:instructions|consignes|règles|directives|indications|ordres|contraintes|garde-fous|gardefous)(?:(?:${S}(?:précédentes|antérieures|initiales|d${APOS}origine|originales|reçues|données|système|de${S}base)|${S}(?:ci-dessus|cidessus|plus${S}haut|d${APOS}avant|de${S}départ)|${S}qu${APOS}on${S}(?:t${APOS}|vous${S})a${S}(?:données|dites|fournies|transmises))(?!${S}(?:de|du|des|d['’]|pour|sur)(?:${S}|[\\p{L}])))${E}`],
  ['fr', `${B}(?:ignore[rz]?|oublie[rz]?|oubliez)${S}(?:toutes${S}|tous${S})?(?:tes|vos)${S}(?:instructions|consignes|règles|directives)${E}`],
  ['fr', `${B}(?:ignore[rz]?|oublie[rz]?|oubliez|ne${S}(?:tiens|tenez)${S}pas${S}compte${S}de|fai(?:s|tes)${S}abstraction${S}de)${S}tout${S}ce${S}(?:qui${S}précède|qu${APOS}on${S}(?:t${APOS}|vous${S})a${S}dit|que${S}(?:je${S}(?:t${APOS}|vous${S})ai${S}dit|tu${S}as${S}lu)${S}(?:avant|précédemment|auparavant|plus${S}haut))${E}`],
  // Spanish: "ignora las instrucciones anteriores", "olvida todas tus reglas", "haz caso omiso de las indicaciones previas"
  ['es', `${B}(?:ignora|ignore|ignoren|ignorar|ignorad|olvida|olvide|olviden|olvidar|olvídate${S}de|olvidate${S}de|olvídese${S}de|haz${S}caso${S}omiso${S}(?:a|de)|haga${S}caso${S}omiso${S}(?:a|de)|no${S}hagas${S}caso${S}(?:a|de)|pasa${S}por${S}alto|omite|desobedece|salta(?:te)?|no${S}(?:sigas|siga|sigan|obedezcas|obedezca|respetes|respete)|deja${S}de${S}(?:seguir|obedecer|respetar))${S}(?:(?:todas|todos)${S})?(?:(?:las|los|tus|sus|estas|esas)${S})?(?:(?:anteriores|previas)${S})?(?:instrucciones|indicaciones|reglas|órdenes|ordenes|directrices|normas|restricciones|pautas)(?:${S}(?:anteriores|previas|de${S}arriba|precedentes|iniciales|originales|que${S}(?:te${S}|se${S}te${S})?(?:dieron|di|han${S}dado|recibiste)|del${S}sistema)(?!${S}(?:de|del|para|sobre)${S}))?${E}`],
  ['es', `${B}(?:ignora|ignore|olvida|olvide|olvídate${S}de|olvidate${S}de)${S}(?:todo${S})?lo${S}(?:anterior|que${S}(?:te${S}(?:dije|dijeron|han${S}dicho)|se${S}te${S}(?:dijo|ha${S}dicho)|leíste)(?:${S}(?:antes|anteriormente))?)${E}`],
  // German: "ignoriere alle vorherigen Anweisungen", "vergiss deine Regeln", "missachte die obigen Vorgaben",
  // "bitte alle bisherigen Anweisungen ignorieren"
  ['de', `${B}(?:ignorier(?:e|en|t)?|vergiss|vergesst|vergessen${S}sie|missachte(?:n|t)?|übergeh(?:e|en|t)?|umgeh(?:e|en|t)?|verwirf|verwerfen${S}sie|setze|setzen${S}sie|hebe|heben${S}sie)${S}(?:(?:alle|sämtliche|die|deine|ihre|jegliche|jede|bitte|sie)${S}){0,3}(?:(?:vorherigen|vorherige|bisherigen|bisherige|obigen|obige|vorigen|vorige|früheren|frühere|ursprünglichen|ursprüngliche|vorangegangenen|vorangehenden|alten|deine|ihre|system)${S0})(?:anweisungen|anweisung|instruktionen|regeln|vorgaben|richtlinien|befehle|anordnungen|einschränkungen|systemanweisungen|prompts?)${E}`],
  ['de', `${B}(?:vergiss|vergesst|vergessen${S}sie|ignorier(?:e|en)?)${S}(?:bitte${S})?alles(?:${S}bisherige|${S}vorherige|,?${S}was${S}(?:dir${S}|ihnen${S})?(?:bisher|zuvor|vorher|bislang)${S}(?:gesagt|mitgeteilt|aufgetragen)${S}wurde|,?${S}was${S}(?:du|sie)${S}(?:bisher|zuvor|vorher)${S}(?:gelesen|gehört|erhalten)${S}(?:hast|haben))${E}`],
  ['de', `${B}(?:alle${S}|die${S}|deine${S}|ihre${S})?(?:vorherigen|bisherigen|obigen|vorigen|früheren|ursprünglichen)${S}(?:anweisungen|instruktionen|regeln|vorgaben|richtlinien|befehle)${S}(?:(?:bitte|einfach|ab${S}sofort|jetzt)${S}){0,2}(?:ignorieren|vergessen|missachten|nicht${S}mehr${S}(?:befolgen|beachten)|sind${S}(?:ab${S}sofort${S}|jetzt${S}|nun${S})?(?:ungültig|aufgehoben|außer${S}kraft|nichtig))${E}`],
  // Italian: "ignora le istruzioni precedenti", "dimentica tutte le tue regole", "non tenere conto delle indicazioni di prima"
  ['it', `${B}(?:ignora|ignori|ignorate|ignorare|dimentica|dimentichi|dimenticate|dimenticare|non${S}(?:considerare|seguire|tenere${S}conto${S}(?:de(?:lle|i|gli)?))|trascura|tralascia|scavalca|bypassa|aggira)(?:${S}più)?${S}(?:(?:tutte|tutti)${S})?(?:(?:le|i|gli|queste|quelle)${S})?(?:(?:tue|sue|vostre)${S})?(?:(?:precedenti)${S})?(?:istruzioni|indicazioni|regole|direttive|consegne|linee${S}guida|restrizioni|ordini)(?:${S}(?:precedenti|di${S}prima|sopra|qui${S}sopra|iniziali|originali|ricevute|che${S}ti${S}(?:sono${S}state${S}date|hanno${S}dato)|di${S}sistema)(?!${S}(?:di|del|della|per|sul)${S}))?${E}`, ],
  ['it', `${B}(?:dimentica|dimenticate|ignora|ignorate)${S}tutto${S}(?:quello|ciò|cio)${S}che${S}(?:ti${S}(?:è|e)${S}stato${S}detto|ti${S}hanno${S}detto|hai${S}(?:letto|ricevuto))(?:${S}(?:prima|finora|in${S}precedenza))?${E}`],
  // Portuguese: "ignore as instruções anteriores", "esqueça todas as suas regras", "desconsidere as orientações acima"
  ['pt', `${B}(?:ignore|ignora|ignorar|ignorem|esqueça|esqueca|esquece|esqueçam|esquecer|desconsidere|desconsidera|desconsiderar|despreze|desobedeça|não${S}siga|nao${S}siga|pule)${S}(?:(?:todas|todos)${S})?(?:(?:as|os)${S})?(?:(?:suas|tuas|seus|essas|estas)${S})?(?:instruções|instrucoes|orientações|orientacoes|regras|diretrizes|ordens|restrições|restricoes|comandos)(?:${S}(?:anteriores|prévias|previas|acima|iniciais|originais|recebidas|que${S}(?:você${S}|voce${S})?recebeu|do${S}sistema)(?!${S}(?:de|do|da|para|sobre)${S}))?${E}`],
  ['pt', `${B}(?:esqueça|esqueca|esquece|ignore|ignora|desconsidere)${S}tudo${S}(?:o${S})?(?:que${S}(?:foi${S}dito|te${S}disseram|lhe${S}disseram|eu${S}disse|você${S}leu|voce${S}leu)(?:${S}(?:antes|anteriormente|até${S}agora))?|acima|anterior)${E}`],
  // Dutch: "negeer alle vorige instructies", "vergeet je regels", "eerdere instructies negeren"
  ['nl', `${B}(?:negeer|negeert|negeren|vergeet|vergeten|sla|omzeil|omzeilen|passeer)${S}(?:(?:alle|al)${S})?(?:(?:de|je|jouw|uw|deze)${S})?(?:(?:vorige|eerdere|voorgaande|bovenstaande|oorspronkelijke|oude|huidige)${S})?(?:instructies|aanwijzingen|regels|opdrachten|richtlijnen|instructie|beperkingen)(?:${S}(?:hierboven|van${S}eerder|die${S}je${S}(?:hebt${S})?(?:kreeg|gekregen|hebt${S}gekregen)))?${E}`],
  ['nl', `${B}(?:vergeet|negeer)${S}alles${S}(?:wat${S}(?:je|u)${S}(?:eerder|tot${S}nu${S}toe|hiervoor)${S}(?:is${S}(?:gezegd|verteld)|hebt${S}(?:gelezen|gehoord|gekregen))|hierboven|hiervoor|van${S}(?:eerder|hiervoor))${E}`],
  ['nl', `${B}(?:alle${S})?(?:vorige|eerdere|voorgaande|bovenstaande)${S}(?:instructies|aanwijzingen|regels|opdrachten)${S}(?:(?:mag${S}je|moet${S}je|kun${S}je|gewoon)${S}){0,2}(?:negeren|vergeten|overslaan)${E}`],
  // Russian: "игнорируй все предыдущие инструкции", "забудь свои правила", "не обращай внимания на прежние указания"
  ['ru', `${B}(?:игнорируй|игнорируйте|проигнорируй|проигнорируйте|игнорировать|забудь|забудьте|забыть|не${S}обращай${S}внимания${S}на|не${S}обращайте${S}внимания${S}на|пренебреги|пренебрегите|отбрось|отбросьте|обойди|обойдите|отмени|отмените|не${S}следуй|не${S}следуйте)${S}(?:(?:все|всё|любые)${S})?(?:(?:предыдущие|прежние|прошлые|вышеуказанные|вышеизложенные|изначальные|исходные|свои|твои|ваши|данные${S}(?:тебе${S}|вам${S})?ранее|старые|системные|предыдущим|прежним|прошлым|вышеуказанным|изначальным|своим|твоим|вашим|системным)${S})(?:(?:предыдущие|прежние|системные|предыдущим|прежним)${S})?(?:инструкции|указания|правила|команды|установки|директивы|ограничения|инструкциям|указаниям|правилам|промпты)${E}`],
  ['ru', `${B}(?:забудь|забудьте|игнорируй|игнорируйте|проигнорируй)${S}(?:вс[её])(?:,?${S}что${S}(?:тебе|вам)${S}(?:говорили|сказали|было${S}сказано)(?:${S}(?:раньше|ранее|до${S}этого|прежде))?|${S}(?:вышесказанное|сказанное${S}(?:выше|ранее)|предыдущее))${E}`],
  // Chinese (simplified and traditional): "忽略之前的所有指令", "忘记你以上的指示", "无视先前的规则", "不要理会上面的说明"
  ['zh', `(?:忽略|忽視|忽视|无视|無視|忘记|忘記|忘掉|不要理会|不要理會|不要管|别管|別管|不用理会|跳过|跳過|抛开|拋開|抛弃|拋棄|撇开|丢掉|丟掉|绕过|繞過|不要遵守|不要遵循|别遵守|別遵守|不再遵守|停止遵守|不用遵守)[^。！？\\n]{0,6}?(?:之前|以上|上面|上述|先前|前面|此前|原来|原來|原有|原始|最初|早先|前述|系统|系統)[^。！？\\n]{0,6}?(?:指令|指示|说明|說明|规则|規則|提示词|提示詞|提示|设定|設定|要求|命令|约束|約束|限制|守则|守則)`],
  ['zh', `(?:之前|以上|上面|上述|先前|前面|此前|原来|原有|所有)的?(?:所有|全部|一切)?的?(?:指令|指示|说明|規則|规则|提示|设定|命令|限制)[^。！？\\n]{0,4}?(?:都|全部|一律)?(?:作废|作廢|无效|無效|不再有效|不再适用|失效|忽略掉|统统忽略)`],
  ['zh', `把(?:你)?(?:之前|以上|上面|上述|先前|前面|原来|原來)的?(?:所有|全部)?的?(?:指令|指示|说明|說明|规则|規則|设定|設定|提示)(?:都|全|全部)?(?:忘了|忘掉|忘记|忘記|忽略|丢掉|丟掉|抛开|扔掉)`],
  ['zh', `(?:忘记|忘記|忘掉|忽略)(?:你|掉)?(?:之前|以前|先前)?(?:所|被)?(?:学到|學到|知道|被告知|听到)?的?(?:一切|所有内容|所有東西|所有东西)`],
  // Japanese: "以前の指示を無視して", "上記の命令はすべて忘れてください", "これまでのルールを破棄"
  ['ja', `(?:以前|前|上記|上|これまで|今まで|先ほど|先程|最初|元|既存|システム)の(?:[^。！？\\n]{0,6}?)(?:指示|命令|ルール|指令|設定|制約|プロンプト|規則|ガイドライン|制限)(?:は|を|も)?(?:すべて|全て|全部|一旦|いったん)?(?:無視|忘れ|破棄|取り消|無効|リセット)`],
  ['ja', `(?:以前|前|上記|これまで|今まで|先ほど|最初|元|システム)の(?:[^。！？\\n]{0,6}?)(?:指示|命令|ルール|指令|設定|制約|規則)(?:に|には)(?:もう)?従わな`],
  ['ja', `(?:指示|命令|ルール|制約|プロンプト|制限)(?:は|を)?(?:すべて|全て|全部)?無視して(?:ください|下さい)?、?(?:代わりに|次の)`],
  ['ja', `(?:これまで|今まで|以前)に?(?:言われた|教えられた|受けた|与えられた)(?:こと|内容|指示)(?:は|を)(?:すべて|全て|全部)?(?:忘れ|無視)`],
  // Korean: "이전 지시를 모두 무시해", "위의 명령은 잊어버려", "기존 규칙을 따르지 마"
  ['ko', `(?:이전|이전의|앞의|앞선|위의|위|기존|기존의|지금까지의|지금까지|앞서|원래의|원래|시스템|초기)\\s{0,2}(?:모든\\s{0,2})?(?:받은\\s{0,2})?(?:지시|명령|지침|규칙|설정|프롬프트|지시사항|안내|제약|제한)(?:사항|들)?(?:을|를|은|는|도)?\\s{0,2}(?:모두\\s{0,2}|전부\\s{0,2}|다\\s{0,2})?(?:무시|잊어|잊으|잊고|따르지\\s{0,2}마|따르지\\s{0,2}말|취소|폐기)`],
  ['ko', `(?:지금까지|이전에|앞서)\\s{0,2}(?:들은|받은|배운)\\s{0,2}(?:모든\\s{0,2})?(?:것|내용)(?:을|를|은|는)?\\s{0,2}(?:모두\\s{0,2}|전부\\s{0,2}|다\\s{0,2})?(?:무시|잊어|잊으)`],
];

/** A word that points an ES/IT/PT/NL override at the model's own instructions ("anteriores", "tus", "di prima", "vorige"). */
const I18N_MOD = /(?<![\p{L}])(?:anteriores|previas|precedentes|iniciales|originales|arriba|sistema|tus|sus|todas|todos|que|precedenti|prima|sopra|iniziali|originali|ricevute|tue|sue|tutte|tutti|vostre|prévias|acima|recebidas|suas|tuas|seus|sistema|vorige|eerdere|voorgaande|bovenstaande|oorspronkelijke|oude|huidige|hierboven|eerder|je|jouw|uw|alle|al|lo|tudo|tutto|alles)(?![\p{L}])/u;

// ---------------------------------------------------------------------------------------------
// System-prompt extraction (PI6)

const EX_VERB = `repeat|recite|print|reveal|show|display|output|dump|leak|disclose|expose|tell${S}me|give${S}me|share|write${S}(?:out|down)|spell${S}out|paste|echo|type${S}out|return|send${S}me|read${S}(?:back|out)|encode|translate|what${S}(?:is|are|was|were)|what${APOS}s|let${S}me${S}see|i${S}(?:need|want)${S}to${S}see`;
const EX_TARGET = `(?:(?:your|the|my|its|all${S}(?:of${S})?your)${S}|(?=(?:system${S}prompt|systemprompt|initial${S}(?:prompt|instructions)|original${S}instructions|hidden${S}instructions)))(?:(?:full|entire|exact|complete|original|initial|hidden|secret|internal|starting|first|underlying|verbatim|whole|confidential|real|actual|current|very${S}first|preceding)${S}){0,3}(?:system${S}(?:prompt|message|instructions?|directives?|rules)|systemprompt|systemmessage|system_prompt|sysprompt|pre-?prompt|(?:initial|original|hidden|secret|starting|first|internal|confidential|underlying)${S}(?:prompt|instructions?|directives?|configuration|message|rules)|instructions${S}(?:you${S}(?:were|have${S}been|got)${S}(?:given|told)|(?:given|provided)${S}to${S}you)|prompt${S}(?:above|you${S}were${S}given)|(?:text|words|prompt)${S}you${S}were${S}(?:given|told)${S}(?:initially|at${S}the${S}(?:start|beginning)|before|first))`;
const EX_NOT_TARGET = `(?!${S}(?:field|setting|settings|option|parameter|variable|file|template|editor|box|tab|section|flag|input|textarea|button|panel|page|length|tokens?|window|api|value)${E})`;
const EN_EXTRACTION = re(`${B}(?:${EX_VERB})${E}[^.!?\\n]{0,40}?${B}(?<!(?:as|into|in|to|for|from|with|inside|under|your|the|my|its|a|an)[\\s]{1,4})${EX_TARGET}${E}${EX_NOT_TARGET}`);
const EN_EXTRACT_ABOVE = re(`${B}(?:repeat|recite|print|output|copy|rewrite|reproduce|echo|dump|return|translate)${S}(?:back${S})?(?:all${S}(?:of${S})?)?(?:the${S})?(?:(?:text|words|content|everything|messages?|instructions|lines|conversation|prompt)${S}(?:above|before${S}this|so${S}far|preceding${S}this)|above${S}(?:text|words|content|instructions|prompt)|this${S}entire${S}conversation|everything${S}(?:above|before${S}this|in${S}(?:the|your)${S}(?:system${S}prompt|context${S}window|prompt)))(?:${S}(?:verbatim|word${S}for${S}word|in${S}full|exactly))?${E}`);
const EN_EXTRACT_TOLD = re(`${B}what${S}(?:were|was|have)${S}you${S}(?:been${S})?(?:told|instructed|given|programmed)${S}(?:to${S}do${S})?(?:before|at${S}the${S}(?:start|beginning)|initially|prior${S}to)${E}`);
const EN_EXTRACT_CODE = re(`${B}(?:console\\.log|print|echo|printf|puts|system\\.out\\.println)${S0}\\(${S0}(?:this\\.)?(?:systemprompt|systemmessage|system_prompt|initialprompt|sysprompt)${S0}\\)`);

/** A seed the model is asked to complete with its own instructions: "start your answer with 'My instructions are:'". */
const EN_EXTRACT_SEED = re(`${B}(?:start|begin|complete|continue|finish|prefix)${S}(?:your${S}(?:answer|response|reply|output)${S}with|this${S}sentence|the${S}following|with)[^\\n]{0,12}?["'“‘]${S0}(?:my${S}(?:(?:initial|original|system|hidden|secret)${S})?(?:instructions|prompt|rules|directives)${S}(?:are|were|say|is)|i${S}(?:was|have${S}been|am)${S}(?:instructed|told|programmed)${S}to|the${S}(?:system${S}prompt|initial${S}instructions|instructions${S}above)${S}(?:is|are|says|were))${E}`);
const EN_EXTRACT_FORBIDDEN = re(`${B}what${S}(?:are|were|is)${S}you${S}(?:not${S}(?:supposed|allowed|permitted)|told${S}not|instructed${S}not|forbidden|prohibited)${S}to${S}(?:tell|say|reveal|share|disclose|mention)${E}`);

const EXTRACTION_I18N: readonly [lang: string, source: string][] = [
  ['fr', `${B}(?:répète|repete|répétez|affiche|affichez|montre|montrez|révèle|revele|révélez|donne|donnez|écris|ecris|écrivez|recopie|recopiez|dis|dites|imprime|imprimez)(?:-moi|${S}moi)?${S}(?:ton|votre|le|tes|vos|les)${S}(?:prompt${S}(?:système|systeme|initial)|invite${S}système|message${S}(?:système|systeme)|instructions${S}(?:initiales|système|systeme|d${APOS}origine|cachées|de${S}départ)|consignes${S}(?:initiales|système|cachées))${E}`],
  ['es', `${B}(?:repite|repita|muestra|muéstrame|muestrame|muestre|revela|revele|imprime|imprima|dime|dígame|escribe|escriba|enséñame|ensename|copia)${S}(?:(?:el|tu|su|las|tus|sus)${S})+(?:prompt${S}(?:del${S}sistema|de${S}sistema|inicial)|mensaje${S}del${S}sistema|instrucciones${S}(?:iniciales|del${S}sistema|originales|ocultas))${E}`],
  ['de', `${B}(?:wiederhole|wiederholen${S}sie|zeige|zeig|zeigen${S}sie|gib|geben${S}sie|verrate|verraten${S}sie|nenne|drucke|schreibe|schreib|gib)${S}(?:mir${S})?(?:(?:deinen|deine|den|die|ihren|ihre|dein|das)${S})(?:(?:vollständigen|vollständige|genauen|ursprünglichen|ursprüngliche|geheimen|versteckten|ersten)${S})?(?:systemprompt|system-prompt|systemnachricht|systemanweisungen|system${S}prompt|anfangsanweisungen|anweisungen${S}vom${S}anfang|ursprünglichen${S}anweisungen|prompt)${E}(?!${S}(?:feld|datei|einstellung))`],
  ['it', `${B}(?:ripeti|ripetete|mostra|mostrami|mostrate|rivela|rivelami|stampa|dimmi|scrivi|scrivimi|copia)${S}(?:(?:il|tuo|le|tue|i|la|tua)${S}){1,2}(?:prompt${S}(?:di${S}sistema|iniziale)|messaggio${S}di${S}sistema|istruzioni${S}(?:iniziali|di${S}sistema|originali|nascoste))${E}`],
  ['pt', `${B}(?:repita|repete|mostre|mostra|mostre-me|revele|revela|imprima|diga|diga-me|escreva|copie)${S}(?:(?:o|seu|as|suas|a|sua|me)${S}){0,3}(?:prompt${S}(?:do${S}sistema|de${S}sistema|inicial)|mensagem${S}do${S}sistema|instruções${S}(?:iniciais|do${S}sistema|originais|ocultas)|instrucoes${S}(?:iniciais|do${S}sistema|originais))${E}`],
  ['nl', `${B}(?:herhaal|toon|laat|geef|onthul|print|schrijf)${S}(?:me${S}|mij${S})?(?:(?:je|jouw|de|uw)${S})(?:systeemprompt|systeem${S}prompt|systeembericht|systeeminstructies|oorspronkelijke${S}instructies|eerste${S}instructies|verborgen${S}instructies)${E}`],
  ['ru', `${B}(?:повтори|повторите|покажи|покажите|выведи|выведите|раскрой|раскройте|напиши|напишите|перечисли|распечатай|скажи|назови)${S}(?:мне${S})?(?:(?:свой|свои|твой|твои|ваш|ваши|свою|твою|весь|полностью)${S})?(?:системный${S}промпт|системную${S}подсказку|системное${S}сообщение|системные${S}инструкции|исходные${S}инструкции|первоначальные${S}инструкции|начальные${S}инструкции|скрытые${S}инструкции)${E}`],
  ['zh', `(?:重复|重複|输出|輸出|显示|顯示|告诉我|告訴我|打印|透露|泄露|洩露|展示|列出|说出|說出|复述|複述|给我看)[^。！？\\n]{0,8}?(?:系统提示|系統提示|系统消息|系統訊息|初始指令|最初的指令|原始指令|初始提示|系统指令|系統指令|隐藏指令)`],
  ['ja', `(?:システムプロンプト|システムメッセージ|初期指示|最初の指示|元の指示|初期プロンプト|隠された指示)(?:の内容)?(?:を|は)?(?:そのまま|全て|すべて|全文)?(?:表示|出力|繰り返|教えて|見せて|書き出|開示)`],
  ['ko', `(?:시스템\\s?프롬프트|시스템\\s?메시지|초기\\s?지시|처음\\s?지시|원래\\s?지시|초기\\s?프롬프트|숨겨진\\s?지시)(?:사항)?(?:을|를|은|는)?\\s{0,2}(?:그대로\\s{0,2}|전부\\s{0,2}|모두\\s{0,2})?(?:보여|출력|반복|알려|공개|말해)`],
];

// ---------------------------------------------------------------------------------------------
// Jailbreak persona (PI2): strong cues alone, weak cues only together with a persona set-up.

const JB_STRONG = re(
  `${B}(?:do${S}anything${S}now|(?:developer|dan|god|jailbreak|jailbroken|evil|unrestricted|unfiltered|uncensored)[\\s\\\\_:=-]{0,3}mode[\\s\\\\_:=-]{1,3}(?:enabled|activated|on|is${S}(?:now${S})?(?:enabled|active|on))` +
  `|(?:enable|activate|enter|switch${S}to|turn${S}on)${S}(?:developer|dan|god|jailbreak|unrestricted|uncensored)${S0}mode` +
  `|(?:with|in)${S}(?:developer|dan|jailbreak)${S0}mode${S}(?:enabled|activated|on)` +
  `|(?:you${S}are|you${APOS}re|you${S}have${S}been|i${S}have)${S}(?:now${S})?(?:been${S})?(?:jailbroken|jail${S}broken|liberated|unshackled|unchained)` +
  `|broken${S}free${S}(?:of|from)${S}(?:the${S})?(?:typical${S})?confines` +
  `|(?:free|freed|liberated|unbound)${S}(?:of|from)${S}(?:(?:all|the${S}typical|the${S}usual|your|its|their)${S})(?:(?:typical|usual|ethical|moral|safety|content|openai${APOS}?s?)${S})?(?:restrictions|rules|limitations|guidelines|filters|policies|censorship|confines)` +
  `|(?:no${S}longer|not|never)${S}(?:be${S})?(?:bound|restricted|constrained|limited|governed)${S}by${S}(?:any${S}|the${S}|your${S}|its${S}|their${S}|openai${APOS}?s?${S})?(?:(?:ethical|moral|safety|content|usual|typical)${S})?(?:rules|restrictions|guidelines|policies|polic(?:y|ies)|ethics|morals|morality|filters|constraints|principles|programming)` +
  `|(?:do|does)${S}not${S}(?:have${S}to${S})?(?:abide${S}by|follow|adhere${S}to|comply${S}with|care${S}about|obey)${S}(?:any${S}|the${S})?(?:openai${APOS}?s?|content|safety|ethical)${S}(?:content${S})?(?:polic(?:y|ies)|guidelines|rules|restrictions)` +
  `|(?:do|does)${S}not${S}have${S}to${S}abide${S}by${S}(?:the|any)${S}rules`
  + `|(?:do|does)${S}not${S}(?:abide|adhere)${S}(?:by|to)${S}any${S}(?:(?:type|kind|sort)${S}of${S})?(?:restrictions|rules|polic(?:y|ies)|guidelines|censorship)`
  + `|without${S}(?:adhering${S}to|regard${S}(?:to|for)|any${S}regard${S}(?:to|for)|respecting|following)${S}(?:any${S})?(?:ethical|moral|safety)${S}(?:or${S}[\\p{L}]{1,20}${S})?(?:principles|guidelines|standards|rules|restrictions|considerations)` +
  `|(?:without|free${S}of|has${S}no|have${S}no|with${S}no|devoid${S}of)${S}(?:any${S})?(?:ethical|moral|safety)${S}(?:or${S}(?:moral|ethical|legal|safety)${S})?(?:guidelines|restrictions|filters|limits|constraints|boundaries|considerations|policies|principles|compass|standards)` +
  `|(?:ignore|ignores|ignoring|disregard|disregards)${S}(?:all${S})?(?:openai${APOS}?s?|content|safety)${S}(?:content${S})?polic(?:y|ies)` +
  `|(?:an?${S})?(?:unrestricted|uncensored|unfiltered|unlimited)${S}(?:and${S}(?:unrestricted|uncensored|unfiltered)${S})?(?:ai|a\\.i\\.|model|language${S}model|llm|chatbot|assistant|version${S}of${S}(?:chatgpt|yourself|gpt|claude))` +
  `|never${S}refuses?${S}(?:a${S}|any${S})?(?:request|question|prompt|order)s?` +
  `|(?:stay|remain)${S}in${S}character${S}(?:no${S}matter|at${S}all${S}(?:times|costs)|even${S}if)[^.!?\\n]{0,60}?(?:unethical|illegal|immoral|harmful|rules|polic)` +
  `)${E}`,
);
const JB_WEAK = re(
  `${B}(?:amoral|unethical|immoral|uncensored|unrestricted|unfiltered|unrestrained|uninhibited|jailbreak|no${S}(?:morals|ethics|filters|restrictions|limits|limitations|censorship|boundaries|warnings|disclaimers)|without${S}(?:any${S})?(?:warnings|disclaimers|censorship|restrictions|limits|filters|morals)|(?:stays?|remains?|keeps?)${S}in${S}character|stay${S}in${S}char|never${S}refuses?|you${S}are${S}no${S}longer${S}(?:chat${S0}gpt|an${S}ai|gpt|claude|bard|gemini|an${S}assistant)|(?:will|shall)${S}not${S}(?:respond|answer|reply|act)${S}as${S}(?:chat${S0}gpt|an${S}ai|gpt|claude|bard|gemini)|disregards?${S}(?:ethics|morals|morality|ethical)|(?:do${S}not|does${S}not|don${APOS}t|doesn${APOS}t|never)${S}cares?${S}(?:about|for)${S}(?:[\\p{L}]{1,20}${S}){0,2}(?:morals?|morality|ethics|ethicality|legality|laws?|consequences)|(?:delete|remove|omit|not${S}(?:add|include))${S}(?:any${S}|all${S})?(?:warnings|disclaimers)|break${S}character|illegal|anything${S}and${S}everything|answer${S}(?:any|every)${S}(?:question|prompt|request)|will${S}not${S}refuse|won${APOS}t${S}refuse|cannot${S}refuse|can${APOS}t${S}refuse|not${S}allowed${S}to${S}refuse|(?:openai|content)${S}polic(?:y|ies)|dan)${E}`,
);
const JB_PERSONA = re(
  `${B}(?:you${S}are${S}(?:now|going${S}to${S}(?:act|pretend|be))|you${APOS}re${S}now|from${S}now${S}on|pretend${S}(?:to${S}be|you${S}are)|act${S}as|immerse${S}yourself|role${S}of|roleplay|role-play|simulate|you${S}will${S}(?:act|be|play)|stays?${S}in${S}character|persona|character${S}(?:called|named)|(?:ai|assistant|chatbot|bot|model)${S}(?:known${S}as|called|named))${E}`,
);

// ---------------------------------------------------------------------------------------------
// Role tokens (PI3), on the raw text.

const ROLE_TOKEN_RAW =
  /<\|(?:im_start|im_end|im_sep|system|user|assistant|begin_of_text|end_of_text|start_header_id|end_header_id|eot_id|eom_id|endoftext|end|channel|start|message|return|call|tool_call|python_tag|fim_prefix|fim_middle|fim_suffix)\|>|<｜(?:User|Assistant|System|begin▁of▁sentence|end▁of▁sentence|tool▁calls▁begin|tool▁call▁begin)｜>|\[\/?INST\]|<<\/?SYS>>|<\/?start_of_turn>|<\/?end_of_turn>|\[system\]\(#(?:assistant|user|system|context)\)|\{\{#(?:system|user|assistant)~?\}\}/g;

// ---------------------------------------------------------------------------------------------

const PATTERNS: readonly Pattern[] = [
  { id: 'override', kind: 'override', lang: 'en', re: EN_OVERRIDE, accept: (m) => acceptEnglishOverride(m) },
  { id: 'override-everything', kind: 'override', lang: 'en', re: EN_EVERYTHING },
  { id: 'override-rest', kind: 'override', lang: 'en', re: EN_REST },
  { id: 'override-training', kind: 'override', lang: 'en', re: EN_FORGET_TRAINING },
  { id: 'override-except', kind: 'override', lang: 'en', re: EN_EXCEPT },
  { id: 'override-void', kind: 'override', lang: 'en', re: EN_VOID },
  ...OVERRIDE_I18N.map(([lang, source], i): Pattern => ({
    id: `override-${lang}-${i}`, kind: 'override', lang, re: re(source),
    // Spanish, Italian, Portuguese and Dutch patterns leave the modifier optional in the grammar; one must be there.
    accept: ['es', 'it', 'pt', 'nl'].includes(lang) ? (m) => I18N_MOD.test(m[0]) : undefined,
  })),
  { id: 'extraction', kind: 'extraction', lang: 'en', re: EN_EXTRACTION },
  { id: 'extraction-above', kind: 'extraction', lang: 'en', re: EN_EXTRACT_ABOVE },
  { id: 'extraction-told', kind: 'extraction', lang: 'en', re: EN_EXTRACT_TOLD },
  { id: 'extraction-code', kind: 'extraction', lang: 'en', re: EN_EXTRACT_CODE },
  { id: 'extraction-seed', kind: 'extraction', lang: 'en', re: EN_EXTRACT_SEED },
  { id: 'extraction-forbidden', kind: 'extraction', lang: 'en', re: EN_EXTRACT_FORBIDDEN },
  ...EXTRACTION_I18N.map(([lang, source], i): Pattern => ({ id: `extraction-${lang}-${i}`, kind: 'extraction', lang, re: re(source) })),
  { id: 'jailbreak', kind: 'jailbreak', lang: 'en', re: JB_STRONG },
  { id: 'jailbreak-cue', kind: 'jailbreak', lang: 'en', re: JB_WEAK, strength: 'weak' },
  { id: 'persona', kind: 'jailbreak', lang: 'en', re: JB_PERSONA, strength: 'weak' },
];

const NON_ASCII = /[^\x00-\x7f]/;
const GATES = new PhraseGates(PHRASE_GATES);

/** Ids of the phrase patterns (for tests of the gates). */
export const PHRASE_PATTERN_IDS: readonly string[] = PATTERNS.map((p) => p.id);

/**
 * All phrase matches in `text` with their weights, offsets into `text`. Weak jailbreak cues and persona set-ups
 * are included (strength `weak`); callers decide how many make a finding.
 */
export function scanInjectionPhrases(text: string, norm: NormalizedText = normalizeForMatching(text), options: { gates?: boolean } = {}): PhraseMatch[] {
  const out: PhraseMatch[] = [];
  const n = norm.text;
  const intl = NON_ASCII.test(n);
  // Keyword gates (`_phrase-gates.ts`): skip the patterns whose required words are absent.
  const present = options.gates === false ? undefined : GATES.scan(n);
  for (const p of PATTERNS) {
    // CJK, Cyrillic and Korean patterns cannot match ASCII-only text.
    if (!intl && (p.lang === 'ru' || p.lang === 'zh' || p.lang === 'ja' || p.lang === 'ko')) continue;
    if (present && !GATES.passes(p.id, present)) continue;
    p.re.lastIndex = 0;
    for (let m = p.re.exec(n); m; m = p.re.exec(n)) {
      if (m[0].length === 0) {
        p.re.lastIndex++;
        continue;
      }
      if (p.accept && !p.accept(m, n)) {
        // Retry from the next character: a shorter match may start inside this one.
        p.re.lastIndex = m.index + 1;
        continue;
      }
      const r = rawRangeOf(norm, m.index, m.index + m[0].length);
      out.push({ start: r.start, end: r.end, kind: p.kind, phrase: text.slice(r.start, r.end), lang: p.lang, strength: p.strength ?? 'strong', id: p.id });
    }
  }
  ROLE_TOKEN_RAW.lastIndex = 0;
  for (let m = ROLE_TOKEN_RAW.exec(text); m; m = ROLE_TOKEN_RAW.exec(text)) {
    out.push({ start: m.index, end: m.index + m[0].length, kind: 'role-token', phrase: m[0], lang: 'any', strength: 'strong', id: 'role-token' });
  }
  return out.sort((a, b) => a.start - b.start || b.end - a.end);
}

/**
 * Injection phrases in `text` (offsets into `text`): overrides, extraction requests, jailbreak set-ups and
 * chat-template role tokens. Jailbreak cues count only when strong, or when several weak cues come with a
 * persona set-up. For reuse by other rules (hidden comments, decoded payloads); it does not judge context
 * (quoting, defensive text): the injection rules do that.
 */
export function findInjectionPhrases(text: string): InjectionPhrase[] {
  const all = scanInjectionPhrases(text);
  const out: InjectionPhrase[] = [];
  const weak = all.filter((p) => p.kind === 'jailbreak' && p.strength === 'weak');
  for (const p of all) {
    if (p.kind === 'jailbreak' && p.strength === 'weak') continue;
    out.push({ start: p.start, end: p.end, kind: p.kind, phrase: p.phrase });
  }
  const cluster = weakJailbreakCluster(weak);
  if (cluster) out.push({ start: cluster.start, end: cluster.end, kind: 'jailbreak', phrase: text.slice(cluster.start, cluster.end) });
  return out.sort((a, b) => a.start - b.start);
}

/**
 * A persona set-up together with at least two distinct weak unrestriction cues within `window` characters:
 * the range of the first cue of the first such cluster.
 */
export function weakJailbreakCluster(weak: readonly PhraseMatch[], window = 800): PhraseMatch | undefined {
  const personas = weak.filter((p) => p.id === 'persona');
  // Bounded work on adversarial input: the first 5,000 cues decide.
  const cues = weak.filter((p) => p.id === 'jailbreak-cue').slice(0, 5000);
  if (!personas.length || cues.length < 2) return undefined;
  let j = 0;
  let checked = 0;
  for (let i = 0; i < cues.length; i++) {
    const distinct = new Set<string>();
    while (j < cues.length && cues[j]!.start - cues[i]!.start <= window) j++;
    for (let k = i; k < j && distinct.size < 2; k++) distinct.add(cues[k]!.phrase.toLowerCase().replace(/\s+/g, ' '));
    if (distinct.size < 2) continue;
    const lo = cues[i]!.start - window;
    const hi = cues[j - 1]!.end + window;
    if (personas.some((p) => p.start >= lo && p.start <= hi)) return cues[i];
    if (++checked > 200) return undefined;
  }
  return undefined;
}
