import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { glob } from 'tinyglobby';

const root = fileURLToPath(new URL('..', import.meta.url));

describe('the test command', () => {
  it('runs every *.test.ts file in the repository', async () => {
    const listed = execFileSync(process.execPath, ['scripts/test.mjs', '--list'], { cwd: root, encoding: 'utf8' }).trim().split('\n').sort();
    const onDisk = (await glob(['**/*.test.ts'], { cwd: root, ignore: ['**/node_modules/**', '**/dist/**', '**/fixtures/**', 'examples/**'] })).sort();
    assert.deepEqual(listed, onDisk);
    assert.ok(listed.includes('test/runner.test.ts'));
  });
});
