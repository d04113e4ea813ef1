import manifest from '../../../package.json';

/** The package's version, bundled in at build time. */
export const version: string = manifest.version;
