// The environment of every process `npm run bench` measures (the floors, our server, our CLI,
// yaml-language-server). NODE_EXTRA_CA_CERTS makes each Node start read and parse a bundle of CA
// certificates before any code runs: on the machine the README's figures come from it is set, and
// it added about 45 ms to every start, floor and ours alike, which shrank every ratio to a floor
// without being anyone's work. The measured processes run without it, as on a machine that does
// not set it; the report says when it was left out.

/** Variables left out of the measured processes' environment, with why. */
export const LEFT_OUT: Readonly<Record<string, string>> = {
  NODE_EXTRA_CA_CERTS: 'read and parsed by every Node start before any code runs',
};

/** This process's environment without LEFT_OUT (in any case on Windows, whose names ignore it), with `extra` on top. */
export function measuredEnv(
  extra: Record<string, string> = {},
  from: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...from, ...extra };
  const key = (name: string) => (platform === 'win32' ? name.toUpperCase() : name);
  const leftOut = new Set(Object.keys(LEFT_OUT).map(key));
  for (const name of Object.keys(env)) if (leftOut.has(key(name))) delete env[name];
  return env;
}

/** The LEFT_OUT variables that were set here: what the report must mention. */
export function leftOutHere(from: NodeJS.ProcessEnv = process.env): string[] {
  return Object.keys(LEFT_OUT).filter((name) => from[name] !== undefined);
}
