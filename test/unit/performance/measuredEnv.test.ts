import * as assert from 'node:assert/strict';
import { leftOutHere, measuredEnv } from '../../../scripts/bench/measuredEnv';

// npm run bench measures processes without what would add the same cost to every Node start.
describe('the environment of the processes npm run bench measures', () => {
  const here = { PATH: '/usr/bin', NODE_EXTRA_CA_CERTS: '/etc/ssl/certs/ca-certificates.crt', RUNLOCALAI_CATALOG: '/a' };

  it('leaves out NODE_EXTRA_CA_CERTS and keeps the rest, with the command’s own variables on top', () => {
    const env = measuredEnv({ RUNLOCALAI_CATALOG: '/b' }, here);
    assert.equal('NODE_EXTRA_CA_CERTS' in env, false);
    assert.equal(env.PATH, '/usr/bin');
    assert.equal(env.RUNLOCALAI_CATALOG, '/b');
    // A command cannot bring it back either.
    assert.equal('NODE_EXTRA_CA_CERTS' in measuredEnv({ NODE_EXTRA_CA_CERTS: '/x' }, here), false);
  });

  it('leaves it out in any case on Windows, and only in its own case elsewhere', () => {
    const mixed = { Path: 'C:\\Windows', Node_Extra_CA_Certs: 'C:\\certs.pem' };
    assert.equal('Node_Extra_CA_Certs' in measuredEnv({}, mixed, 'win32'), false);
    assert.equal(measuredEnv({}, mixed, 'win32').Path, 'C:\\Windows');
    // POSIX names are case-sensitive: Node reads only NODE_EXTRA_CA_CERTS there.
    assert.equal(measuredEnv({}, mixed, 'linux').Node_Extra_CA_Certs, 'C:\\certs.pem');
  });

  it('names what it left out only where it was set', () => {
    assert.deepEqual(leftOutHere(here), ['NODE_EXTRA_CA_CERTS']);
    assert.deepEqual(leftOutHere({ PATH: '/usr/bin' }), []);
  });
});
