/**
 * @promptlint/core: the document model, format adapters, rules and engine. No ESLint, no terminal.
 */
export * from './types.ts';
export { lintText, lintTextSync, lintFiles, type LintTextOptions, type LintFilesOptions, type LintFilesResult } from './lint.ts';
export { lintDocument, applyFixes, segmentRange, type EnabledRule, type EngineOptions } from './engine.ts';
export {
  loadConfig, configForFile, configLimits, resolveExtends, parseRuleFlag, isIgnoredByConfig, ConfigError, CONFIG_FILE_NAMES,
  type ConfigObject, type FlatConfig, type LoadedConfig, type FileConfig,
} from './config.ts';
export { RULES, ruleById, presetConfig, PRESET_NAMES, type PresetName } from './rules/index.ts';
export { docsUrl } from './rules/_docs-url.ts';
export { parseDocument, sniffFormat, discover, DISCOVERY_TABLE, DISCOVERY_PATTERNS } from './formats/index.ts';
export { enumerateFiles, parseShard, inShard, type Shard } from './files.ts';
export { ResultCache, resolveCacheLocation, hashCacheKey, DEFAULT_CACHE_FILE } from './cache.ts';
export { readTextFile, decodeText, DEFAULT_MAX_FILE_SIZE } from './io.ts';
export {
  DEFAULT_LIMITS, LIMIT_NAMES, LIMIT_FLAGS, LIMIT_RANGES, parseLimitValue, validateLimits, resolveLimits, formatLimit,
  type Limits, type LimitName, type LimitsInput,
} from './limits.ts';
export { maskSecret, sanitize, secretFingerprint, registerSecretShape } from './util/mask.ts';
export { LineIndex } from './util/position.ts';
export { DEFAULT_TRUSTED_HOSTS, DEFAULT_GATEWAY_HOSTS, TUNNEL_AND_CATCHER_HOSTS, parseUrl, hostMatches } from './util/hosts.ts';
export { validateOptions } from './schema.ts';
export { setMaskSalt } from './util/mask.ts';
export {
  LOCK_FILE_NAME, LOCK_VERSION, LockFinder, canonicalJson, createLock, diffLocks, fileLockFor, findLock, lockEntryOf, lockKey, pinState, readLock, serializeLock, writeLock,
  type CreateLockOptions, type CreateLockResult, type FileLock, type LoadedLock, type LockChange, type LockEntry, type LockFile, type PinKind, type PinnedRemotePrompt,
  type PinnedServer, type PinnedTool,
} from './lock.ts';
export {
  createBaseline, applyBaseline, readBaseline, writeBaseline, existingSalt, newSalt, findingFingerprint, BaselineError,
  type Baseline, type BaselineEntry, type BaselineInput,
} from './baseline.ts';
export {
  inventoryFiles, inventoryOfDocument, mergeInventories, hubReferencesOf, INVENTORY_SCHEMA_VERSION,
  type Inventory, type InventoryOptions, type InventoryFilesResult, type InventoryFile, type InventoryModel, type InventoryService,
  type InventoryPackage, type InventoryCommand, type InventoryHubReference, type InventoryFinding, type InventoryLocation,
  type FileInventory, type FileRole, type ServiceRole, type DocumentInventoryInput, type HubRefAt, type HostClass,
} from './inventory.ts';
