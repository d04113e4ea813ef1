/** Removes every trailing `char`; a loop, because `/x+$/` is quadratic on a long run of x's followed by something else. */
export function trimTrailing(s: string, char: string): string {
  let end = s.length;
  while (end > 0 && s[end - 1] === char) end--;
  return s.slice(0, end);
}

/**
 * An id for a model named only by a file or a reference: lower case, runs of anything but
 * letters, digits, `.`, `+` and `-` as one `-`, no leading punctuation and no trailing dash.
 */
export function slugOf(s: string): string {
  const dashed = s.toLowerCase().replace(/[^a-z0-9.+-]+/g, '-');
  let start = 0;
  while (start < dashed.length && !/[a-z0-9]/.test(dashed[start])) start++;
  return trimTrailing(dashed.slice(start), '-');
}
