import { globMatch } from '../engine/formats/glob';

interface Rule {
  pattern: string;
  negate: boolean;
  dirOnly: boolean;
}

/** One folder's .gitignore, read as git reads it: comments, `!` negation, `/` anchoring, trailing `/` for folders. */
export class IgnoreRules {
  private readonly rules: Rule[] = [];

  constructor(text: string) {
    for (const raw of text.split(/\r?\n/)) {
      let line = raw.trimEnd();
      if (!line || line.startsWith('#')) continue;
      const negate = line.startsWith('!');
      if (negate) line = line.slice(1);
      const dirOnly = line.endsWith('/');
      if (dirOnly) line = line.slice(0, -1);
      // A slash at the start or in the middle anchors the pattern to this folder.
      const anchored = line.includes('/');
      if (line.startsWith('/')) line = line.slice(1);
      if (!line) continue;
      this.rules.push({ pattern: anchored ? line : `**/${line}`, negate, dirOnly });
    }
  }

  /** Whether `relative` (to this folder, with `/`) is ignored; the last matching rule decides. */
  ignores(relative: string, isDir: boolean): boolean {
    let ignored = false;
    for (const r of this.rules) {
      if (r.dirOnly && !isDir) continue;
      if (globMatch(r.pattern, relative)) ignored = !r.negate;
    }
    return ignored;
  }
}
