import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Ajv from 'ajv-draft-04';
import { DIAGNOSTIC_CODES } from '../../server/src/engine/diagnostics/codes';
import { cli } from '../helpers/cli';

// The SARIF 2.1.0 schema as Microsoft's SARIF SDK ships it (draft-04, the schema GitHub code scanning
// documents); read from the installed devDependency, never downloaded.
const SCHEMA_FILE = path.join(process.cwd(), 'node_modules', '@microsoft', 'jest-sarif', 'lib', 'schemas', 'sarif-2.1.0-rtm.5.json');

function sarifValidator() {
  const schema = JSON.parse(fs.readFileSync(SCHEMA_FILE, 'utf8'));
  // Not strict: the schema uses keywords ajv's strict mode flags. Its language-tag pattern is no valid
  // Unicode regular expression, hence unicodeRegExp off.
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false, unicodeRegExp: false });
  const compiled = ajv.compile(schema);
  // A plain boolean, not ajv's type guard, which would narrow the parsed log to `unknown`.
  const validate = (log: unknown): boolean => compiled(log);
  return Object.assign(validate, {
    get errors() {
      return compiled.errors;
    },
  });
}

interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations: {
    physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region: { startLine: number; startColumn: number } };
  }[];
}

describe('runlocalai check --format sarif', () => {
  const validate = sarifValidator();

  it('validates against the SARIF 2.1.0 schema and puts each finding on the line and column the text format names', async () => {
    const files = ['examples/ollama/Modelfile', 'examples/vllm/deployment.yaml', 'examples/llamacpp/serve.sh'];
    const sarif = await cli(['check', ...files, '--gpu', 'RTX 4070', '--format', 'sarif']);
    const text = await cli(['check', ...files, '--gpu', 'RTX 4070']);
    assert.equal(sarif.code, 1, 'exit code as for text: a finding of error severity');
    assert.equal(sarif.code, text.code);
    const log = JSON.parse(sarif.out);
    const ok = validate(log);
    assert.ok(ok, JSON.stringify(validate.errors, null, 2));
    const run = log.runs[0];
    const results = run.results as SarifResult[];
    // One result per text line "path:line:column: severity [code] message".
    const textFindings = text.out.split('\n').filter(Boolean);
    assert.equal(results.length, textFindings.length);
    for (const r of results) {
      const loc = r.locations[0].physicalLocation;
      assert.equal(loc.artifactLocation.uriBaseId, '%SRCROOT%');
      const key = `${loc.artifactLocation.uri}:${loc.region.startLine}:${loc.region.startColumn}: `;
      const line = textFindings.find((l) => l.startsWith(key) && l.includes(`[${r.ruleId}]`));
      assert.ok(line, `no text finding at ${key} [${r.ruleId}]`);
      assert.ok(line.endsWith(r.message.text));
      assert.equal(run.tool.driver.rules[r.ruleIndex].id, r.ruleId, 'ruleIndex points to the rule');
    }
    const levels = new Set(results.map((r) => r.level));
    assert.ok(levels.has('error') && levels.has('warning'), [...levels].join());
  });

  it('describes every registry code as a rule: name, short description, help link and default level', async () => {
    const r = await cli(['check', 'examples/ollama/small.Modelfile', '--gpu', 'RTX 4090', '--format', 'sarif']);
    assert.equal(r.code, 0, r.err);
    const log = JSON.parse(r.out);
    assert.ok(validate(log), JSON.stringify(validate.errors));
    assert.deepEqual(log.runs[0].results, []);
    const rules = log.runs[0].tool.driver.rules as {
      id: string;
      name: string;
      shortDescription: { text: string };
      helpUri: string;
      defaultConfiguration: { level: string };
    }[];
    assert.deepEqual(
      rules.map((x) => x.id),
      Object.keys(DIAGNOSTIC_CODES),
    );
    const wontFit = rules.find((x) => x.id === 'wont-fit')!;
    assert.equal(wontFit.name, 'WontFit');
    assert.equal(wontFit.shortDescription.text, DIAGNOSTIC_CODES['wont-fit'].title);
    assert.equal(wontFit.defaultConfiguration.level, 'error');
    assert.match(wontFit.helpUri, /\/errors\/cuda-out-of-memory$/, 'a code with a KB entry links to its page');
    assert.equal(rules.find((x) => x.id === 'known-error')!.defaultConfiguration.level, 'note', 'hints are notes');
    assert.equal(rules.find((x) => x.id === 'partial-offload')!.defaultConfiguration.level, 'warning');
  });

  it('gives a file outside the working folder an absolute file: URI, and still validates', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'runlocalai sarif-'));
    const file = path.join(dir, 'Modelfile');
    fs.writeFileSync(file, 'FROM llama3.1:70b\n');
    const r = await cli(['check', file, '--gpu', 'RTX 4070', '--format', 'sarif']);
    assert.equal(r.code, 1);
    const log = JSON.parse(r.out);
    assert.ok(validate(log), JSON.stringify(validate.errors));
    const loc = log.runs[0].results[0].locations[0].physicalLocation;
    assert.equal(loc.artifactLocation.uriBaseId, undefined);
    assert.equal(decodeURIComponent(new URL(loc.artifactLocation.uri).pathname), file.split(path.sep).join('/'));
    assert.deepEqual(loc.region, { startLine: 1, startColumn: 6 });
  });

  it('the schema check is not vacuous: a result without a message is rejected', async () => {
    const r = await cli(['check', 'examples/ollama/Modelfile', '--gpu', 'RTX 4070', '--format', 'sarif']);
    const log = JSON.parse(r.out);
    delete log.runs[0].results[0].message;
    assert.equal(validate(log), false);
  });

  it('rejects an unknown --format with exit 2', async () => {
    const r = await cli(['check', 'examples/ollama/Modelfile', '--format', 'xml']);
    assert.equal(r.code, 2);
    assert.match(r.err, /text, json or sarif/);
  });
});
