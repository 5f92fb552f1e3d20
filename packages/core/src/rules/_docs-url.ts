export const DOCS_BASE_URL = 'https://github.com/promptlint/promptlint/blob/main/docs/rules/';

export function docsUrl(id: string): string {
  return `${DOCS_BASE_URL}${id}.md`;
}
