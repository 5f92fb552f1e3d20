import type { Rule } from '../types.ts';
import { instructionOverride } from './instruction-override.ts';
import { systemPromptExtraction } from './system-prompt-extraction.ts';
import { jailbreakPersona } from './jailbreak-persona.ts';
import { fakeRoleToken } from './fake-role-token.ts';
import { toolPoisoning } from './tool-poisoning.ts';
import { toolShadowing } from './tool-shadowing.ts';
import { templateCodeExecution } from './template-code-execution.ts';
import { serializedObjectInjection } from './serialized-object-injection.ts';
import { systemTemplateVariable } from './system-template-variable.ts';
import { hiddenUnicode } from './hidden-unicode.ts';
import { ansiEscape } from './ansi-escape.ts';
import { confusableHostname } from './confusable-hostname.ts';
import { hiddenHtmlComment } from './hidden-html-comment.ts';
import { encodedPayload } from './encoded-payload.ts';
import { orgForbiddenPhrase } from './org-forbidden-phrase.ts';

/** Rules of the `injection` category, in catalogue order. Each rule lives in its own file. */
export const INJECTION_RULES: readonly Rule<any>[] = [
  instructionOverride,
  systemPromptExtraction,
  jailbreakPersona,
  fakeRoleToken,
  toolPoisoning,
  toolShadowing,
  templateCodeExecution,
  serializedObjectInjection,
  systemTemplateVariable,
  hiddenUnicode,
  ansiEscape,
  confusableHostname,
  hiddenHtmlComment,
  encodedPayload,
  orgForbiddenPhrase,
];
