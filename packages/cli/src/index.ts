export { main, HELP, OUTPUT_FORMATS, type CliIO, type OutputFormat } from './cli.ts';
export { formatJson } from './formatters/json.ts';
export { formatSarif } from './formatters/sarif.ts';
export { formatStylish } from './formatters/stylish.ts';
export { formatGithub } from './formatters/github.ts';
export * from '@promptlint/core';
