// Fails the build when the JavaScript a first visit loads (the entry and what it preloads) exceeds 250 KB gzipped.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const LIMIT = 250 * 1024;
const html = readFileSync('dist/index.html', 'utf8');
const files = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]);
const total = files.reduce((sum, file) => sum + gzipSync(readFileSync(`dist/${file}`)).length, 0);
console.log(`initial JavaScript: ${(total / 1024).toFixed(1)} KB gzipped in ${files.length} files (limit ${LIMIT / 1024} KB)`);
if (total > LIMIT) {
  console.error('The first page load is too heavy: split the new code into a lazy route or component.');
  process.exit(1);
}
