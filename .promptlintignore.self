# Ignore file for promptlint linting its own repository (test/dogfood.test.ts, docs/hardening.md):
#   promptlint --no-config-lookup --ignore-path .promptlintignore.self . '**/*.md' '**/*.{yml,yaml,json,jsonc,toml,prompty,prompt}'
# It is passed with --ignore-path only; the root .promptlintignore semantics (and `promptlint examples/`) are untouched.

# Seeded problems for the README quick start.
examples/
# Test fixtures: attacks and fake secrets on purpose.
**/fixtures/
# Rule pages quote the attack each rule catches in their Incorrect examples.
docs/rules/
