// Checks the packaged VSIX: under 2 MB, and holding only bundles, the catalog, the grammar and
// the manifest files (no node_modules, no sources, no tests). Reads the zip's central directory.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const vsix = path.join(root, process.argv[2] ?? 'runlocalai.vsix');
const LIMIT = 2 * 1024 * 1024;
const ALLOWED = [
  /^\[Content_Types\]\.xml$/,
  /^extension\.vsixmanifest$/,
  /^extension\/(package\.json|readme\.md|changelog\.md|LICENSE\.txt|LICENSE)$/i,
  /^extension\/dist\/(extension|extension\.bundle|server|server\.bundle|cli|cli\.bundle|detectWorker)\.js$/,
  /^extension\/dist\/(catalog|glossary)\.json$/,
  /^extension\/syntaxes\/[\w.-]+\.json$/,
  // Screenshots the README (the marketplace page) shows.
  /^extension\/docs\/images\/[\w.-]+\.png$/,
  // The marketplace icon and the walkthrough's pages.
  /^extension\/images\/icon\.png$/,
  /^extension\/media\/walkthrough\/[\w.-]+\.md$/,
];
const REQUIRED = [
  'extension/dist/extension.js',
  'extension/dist/extension.bundle.js',
  'extension/dist/server.js',
  'extension/dist/server.bundle.js',
  'extension/dist/cli.js',
  'extension/dist/cli.bundle.js',
  'extension/dist/detectWorker.js',
  'extension/dist/catalog.json',
  'extension/dist/glossary.json',
  'extension/syntaxes/modelfile.tmLanguage.json',
  'extension/images/icon.png',
];

export function zipEntries(buf) {
  // End of central directory: signature 0x06054b50, within the last 64 KiB.
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 65557); i--)
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  if (eocd < 0) throw new Error('not a zip file');
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const names = [];
  for (let n = 0; n < count; n++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error('bad central directory');
    const nameLen = buf.readUInt16LE(p + 28),
      extraLen = buf.readUInt16LE(p + 30),
      commentLen = buf.readUInt16LE(p + 32);
    names.push(buf.toString('utf8', p + 46, p + 46 + nameLen));
    p += 46 + nameLen + extraLen + commentLen;
  }
  return names;
}

const buf = fs.readFileSync(vsix);
const names = zipEntries(buf);
const problems = [];
if (buf.length >= LIMIT) problems.push(`VSIX is ${(buf.length / 1024 / 1024).toFixed(2)} MB, over the 2 MB limit`);
for (const n of names) if (!n.endsWith('/') && !ALLOWED.some((r) => r.test(n))) problems.push(`unexpected file in VSIX: ${n}`);
for (const r of REQUIRED) if (!names.includes(r)) problems.push(`missing from VSIX: ${r}`);
if (problems.length) {
  console.error(problems.join('\n'));
  process.exit(1);
}
console.log(`VSIX ok: ${(buf.length / 1024).toFixed(0)} KiB, ${names.length} entries`);
