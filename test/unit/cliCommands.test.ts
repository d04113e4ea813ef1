import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { COMMANDS } from '../../server/src/cli/cli';
import { cli } from '../helpers/cli';

const manifest = JSON.parse(fs.readFileSync('package.json', 'utf8'));

describe('runlocalai, as a terminal user meets it', () => {
  it('--version prints the package version', async () => {
    const r = await cli(['--version']);
    assert.equal(r.code, 0);
    assert.equal(r.out, manifest.version);
  });

  it('--help works on every subcommand, with examples that name the subcommand', async () => {
    for (const c of COMMANDS) {
      const r = await cli([c.name, '--help']);
      assert.equal(r.code, 0, `${c.name} --help: ${r.err}`);
      assert.match(r.out, new RegExp(`usage: runlocalai ${c.name}`));
      assert.match(r.out, /examples:\n {2}runlocalai /);
      for (const e of c.examples)
        assert.ok(e === `runlocalai ${c.name}` || e.startsWith(`runlocalai ${c.name} `), `${c.name} example: ${e}`);
    }
    const top = await cli(['--help']);
    for (const c of COMMANDS) assert.match(top.out, new RegExp(`\\n {2}${c.name} `));
  });

  it('will-it-run prints a readable table and exits 1 when it will not fit, 0 when it does', async () => {
    const no = await cli(['will-it-run', 'llama3.1:70b', '--ctx', '8k', '--gpu', 'RTX 4070', '--ram', '16']);
    assert.equal(no.code, 1, no.out + no.err);
    assert.match(no.out, /WON'T FIT/);
    assert.match(no.out, /8,192 tokens/);
    assert.match(no.out, /What would fit:\n {2}- /);
    assert.match(no.out, /Llama 3\.1 8B/, 'the smaller model of the family is among the alternatives');
    const yes = await cli(['will-it-run', 'llama3.1:8b', '--ctx', '8k', '--gpu', 'RTX 4090']);
    assert.equal(yes.code, 0, yes.err);
    assert.match(yes.out, /^ {2}FITS$/m);
    assert.match(yes.out, /total +\d+\.\d GiB +of \d+\.\d GiB usable/);
  });

  it('reads --ctx as people write it: 8k, 32K, 131072; rejects hex, signs, exponents and huge values', async () => {
    const j = async (ctx: string) => JSON.parse((await cli(['estimate', 'llama3.1:8b', '--ctx', ctx, '--gpu', 'RTX 4090', '--json'])).out);
    assert.equal((await j('8k')).ctx, 8192);
    assert.equal((await j('32K')).ctx, 32768);
    assert.equal((await j('131072')).ctx, 131072);
    for (const bad of ['0x10', '-0', '1e20', '8.5k', 'k', '99999999999', '']) {
      const r = await cli(['estimate', 'llama3.1:8b', `--ctx=${bad}`, '--gpu', 'RTX 4090']);
      assert.equal(r.code, 2, `--ctx=${bad} was accepted`);
      assert.match(r.err, /--ctx must be a whole number of tokens/);
    }
  });

  it('prints errors as JSON when --json is given, with "did you mean" names', async () => {
    // With a size in it (llama3.9:8b) the name alone gives an approximate answer; without one it is unknown.
    const r = await cli(['estimate', 'llama3.9', '--gpu', 'RTX 4090', '--json']);
    assert.equal(r.code, 2);
    const e = JSON.parse(r.out).error;
    assert.match(e.message, /Unknown model "llama3\.9"/);
    assert.ok(
      e.suggestions.some((s: string) => s.startsWith('llama3')),
      JSON.stringify(e),
    );
    const usage = JSON.parse((await cli(['estimate', '--json'])).out);
    assert.match(usage.error.message, /give one model/);
  });

  it('says how to name several GPUs, and suggests near GPU names', async () => {
    const two = await cli(['will-it-run', 'llama3.1:70b', '--gpu', '2x RTX 3090']);
    if (two.code === 2) assert.match(two.err, /--gpu "RTX 3090" --gpus 2/);
    else assert.match(two.out, /RTX 3090/, 'the GPU name with a count was understood directly');
    const typo = await cli(['will-it-run', 'llama3.1:8b', '--gpu', 'RTX 40900']);
    assert.equal(typo.code, 2);
    assert.match(typo.err, /unknown GPU "RTX 40900".*Did you mean .*RTX 4090/s);
    const cmd = await cli(['will-it-rn', 'llama3.1:8b']);
    assert.equal(cmd.code, 2);
    assert.match(cmd.err, /unknown command "will-it-rn"\. Did you mean will-it-run/);
  });

  it('models and gpus search the catalog, and say when nothing matches', async () => {
    const models = await cli(['models', 'llama', '3.1']);
    assert.equal(models.code, 0);
    assert.match(models.out, /Llama 3\.1 8B/);
    assert.doesNotMatch(models.out, /Qwen/);
    const gpus = JSON.parse((await cli(['gpus', '4090', '--json'])).out);
    assert.ok(gpus.length >= 1 && gpus.every((g: { name: string }) => /4090/.test(g.name)), JSON.stringify(gpus));
    assert.ok(gpus[0].memoryGiB > 0);
    const none = await cli(['gpus', 'voodoo']);
    assert.equal(none.code, 2);
    assert.match(none.err, /nothing in the catalog matches "voodoo"/);
  });
});
