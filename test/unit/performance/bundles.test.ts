import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

// The server and the CLI read the compiled catalog.json, which was validated when it was built:
// zod in their bundles would only cost start-up time and memory (npm run bench, start and RSS).
describe('bundles read the compiled catalog without its schema library', () => {
  for (const bundle of ['server.bundle.js', 'cli.bundle.js']) {
    it(`dist/${bundle} does not bundle zod`, () => {
      const text = fs.readFileSync(path.resolve('dist', bundle), 'utf8');
      assert.ok(text.length > 10_000, `dist/${bundle} not found (run npm run build first)`);
      assert.ok(
        !text.includes('ZodError'),
        `dist/${bundle} bundles zod: something it imports reaches server/src/engine/catalog/schema.ts as a value`,
      );
    });
  }
});
