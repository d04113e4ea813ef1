// `npm run catalog:gpu-setting`: writes the catalog's GPU names into package.json's runlocalai.gpu
// (as suggestions that still accept any text). `--check` only says whether package.json is current.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { gpuChoices } from '../server/src/engine/answer/gpuChoices';
import { formatProblem, loadCatalogFiles } from '../server/src/engine/catalog/load';
import { gpuSettingSuggestions } from '../server/src/protocol/gpuSettingSchema';
import { readCatalogSources } from './catalog-files';

const root = process.cwd();
const loaded = loadCatalogFiles(readCatalogSources(root));
if (!loaded.ok) {
  for (const p of loaded.problems) console.error(formatProblem(p));
  process.exit(1);
}
const file = path.join(root, 'package.json');
const manifest = JSON.parse(fs.readFileSync(file, 'utf8'));
const setting = manifest.contributes.configuration.properties['runlocalai.gpu'];
const wanted = gpuSettingSuggestions(gpuChoices(loaded.catalog));
if (JSON.stringify(setting.anyOf) === JSON.stringify(wanted.anyOf)) {
  console.log(`runlocalai.gpu offers the catalog's ${loaded.catalog.gpus.length} GPUs`);
} else if (process.argv.includes('--check')) {
  console.error('package.json runlocalai.gpu is out of date with the catalog: run npm run catalog:gpu-setting');
  process.exit(1);
} else {
  setting.anyOf = wanted.anyOf;
  fs.writeFileSync(file, `${JSON.stringify(manifest, null, 2)}\n`);
  console.log(`package.json: runlocalai.gpu now offers ${loaded.catalog.gpus.length} GPUs`);
}
