// Loaded before every test (.mocharc.json "require") and, through NODE_OPTIONS, into every process
// the tests start (the server, the CLI, detection workers): nothing may reach the network unless
// the user enabled online lookup, so any connection to a non-loopback address throws and fails the test.
// The default import is the module object itself, whose functions can be replaced.
import dns from 'node:dns';
import net from 'node:net';

// Test bundles carry their own copy of this module besides the one mocha loads first: the first
// installs the guard, and every copy shares its record of attempts.
const shared = globalThis as { runlocalaiNetworkAttempts?: string[] };
const installed = shared.runlocalaiNetworkAttempts !== undefined;
const attempts: string[] = (shared.runlocalaiNetworkAttempts ??= []);

function isLoopback(host: string | undefined): boolean {
  if (host === undefined || host === '' || host === 'localhost') return true;
  const bare = host.replace(/^\[|\]$/g, '');
  return bare === '::1' || bare.startsWith('127.') || bare === '::ffff:127.0.0.1';
}

function refuse(target: string): never {
  attempts.push(target);
  const message = `network access attempted in a test: ${target} (only loopback is allowed)`;
  if (!process.env.RUNLOCALAI_NO_NETWORK_QUIET) process.stderr.write(`${message}\n`);
  throw new Error(message);
}

/** Where a Socket#connect call goes: a Unix socket or pipe path, or a host. */
function destination(args: unknown[]): { path?: string; host?: string; port?: unknown } {
  const [first, second] = args as [unknown, unknown];
  const opts = (Array.isArray(first) ? first[0] : first) as { path?: string; host?: string; port?: unknown } | string | number;
  if (typeof opts === 'string' && Number.isNaN(Number(opts))) return { path: opts };
  if (typeof opts === 'object' && opts !== null) return opts;
  return { port: opts, host: typeof second === 'string' ? second : undefined };
}

if (!installed) install();

function install(): void {
  const originalConnect = net.Socket.prototype.connect;
  net.Socket.prototype.connect = function (this: net.Socket, ...args: unknown[]) {
    const to = destination(args);
    if (to.path === undefined && !isLoopback(to.host)) refuse(`${to.host}:${String(to.port)}`);
    return (originalConnect as (...a: unknown[]) => net.Socket).apply(this, args);
  } as typeof net.Socket.prototype.connect;

  const originalLookup = dns.lookup;
  (dns as unknown as { lookup: unknown }).lookup = function (hostname: string, ...rest: unknown[]) {
    if (!isLoopback(hostname)) refuse(`DNS ${hostname}`);
    return (originalLookup as (...a: unknown[]) => unknown).call(dns, hostname, ...rest);
  };
  const originalPromiseLookup = dns.promises.lookup;
  (dns.promises as unknown as { lookup: unknown }).lookup = function (hostname: string, ...rest: unknown[]) {
    if (!isLoopback(hostname)) refuse(`DNS ${hostname}`);
    return (originalPromiseLookup as (...a: unknown[]) => unknown).call(dns.promises, hostname, ...rest);
  };

  // Child processes started by the tests load this file too (the standalone bundle, not a test's copy).
  const self = typeof __filename === 'string' && /noNetwork\.js$/.test(__filename) ? __filename : undefined;
  if (self && !(process.env.NODE_OPTIONS ?? '').includes(self)) {
    process.env.NODE_OPTIONS = `${process.env.NODE_OPTIONS ?? ''} --require ${JSON.stringify(self)}`.trim();
  }
}

/** The attempts recorded since the last call (for the test that proves the guard works). */
export function takeNetworkAttempts(): string[] {
  return attempts.splice(0);
}

/** Mocha root hooks: a test during which anything tried the network fails, even if it caught the error. */
export const mochaHooks = {
  afterEach(this: Mocha.Context) {
    const seen = takeNetworkAttempts();
    if (seen.length) throw new Error(`the test tried the network: ${seen.join(', ')}`);
  },
};
