export const meta = { name: 'eslint-plugin-promptlint', version: '0.1.0', namespace: 'promptlint' };
