// Acme's policy comes from the shared package; only repository-specific choices live here.
export default [
  { extends: ['@acme/promptlint-config'] },
];
