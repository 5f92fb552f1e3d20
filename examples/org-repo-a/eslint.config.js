import acme from '@acme/promptlint-config/eslint';

export default [...acme];
