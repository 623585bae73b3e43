// Fails the build when src/types/api.gen.ts is not what openapi-typescript makes of ../openapi.yaml.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const fresh = join(mkdtempSync(join(tmpdir(), 'okr-api-')), 'api.gen.ts');
execFileSync(process.execPath, ['node_modules/openapi-typescript/bin/cli.js', '../openapi.yaml', '-o', fresh], { stdio: 'ignore' });
const committed = readFileSync('src/types/api.gen.ts', 'utf8');
if (readFileSync(fresh, 'utf8') !== committed) {
  console.error('src/types/api.gen.ts is stale: run `npm run gen:api` in web/ and commit it.');
  process.exit(1);
}
