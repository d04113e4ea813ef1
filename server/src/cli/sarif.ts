import * as path from 'node:path';
import { codeHref, DIAGNOSTIC_CODES, type DiagnosticCodeInfo } from '../engine/diagnostics/codes';
import type { Severity } from '../engine/types';
import { version } from './version';

/** What `check` found in one file, as the SARIF writer needs it (1-based line and column, as printed). */
export interface SarifFileInput {
  path: string;
  findings: { line: number; column: number; severity: string; code: string; message: string }[];
}

const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

type SarifLevel = 'error' | 'warning' | 'note' | 'none';

/** SARIF has no "information" or "hint": both are notes, which code scanning shows as such. */
function levelOf(severity: string): SarifLevel {
  if (severity === 'error' || severity === 'warning') return severity;
  return 'note';
}

/** "wont-fit" → "WontFit": SARIF's rule name is an identifier-like label, the id stays the code. */
function ruleName(code: string): string {
  return code
    .split('-')
    .map((w) => (w ? w[0].toUpperCase() + w.slice(1) : w))
    .join('');
}

/**
 * A path as code scanning wants it: relative to the checkout (the working folder, `%SRCROOT%`) with
 * forward slashes; a file outside it keeps an absolute file: URI.
 */
function artifactLocation(file: string, cwd: string): { uri: string; uriBaseId?: string } {
  const absolute = path.resolve(cwd, file);
  const relative = path.relative(cwd, absolute);
  if (relative && !relative.startsWith('..') && !path.isAbsolute(relative))
    return { uri: relative.split(path.sep).map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' };
  const slashed = absolute.split(path.sep).join('/');
  return { uri: `file://${slashed.startsWith('/') ? '' : '/'}${slashed.split('/').map(encodeURIComponent).join('/')}` };
}

/**
 * `check --format sarif`: a SARIF 2.1.0 log with one run, every diagnostic code of the registry as a
 * rule (so code scanning can describe a rule before it fires) and one result per finding, located on
 * its line and column.
 */
export function checkSarif(files: readonly SarifFileInput[], kbUrl: (id: string) => string | undefined, cwd: string): object {
  const registry = DIAGNOSTIC_CODES as Record<string, DiagnosticCodeInfo>;
  const ids = Object.keys(registry);
  // A code the registry lacks (a summary finding) still gets a rule, so every result has one to point to.
  for (const f of files) for (const finding of f.findings) if (!ids.includes(finding.code)) ids.push(finding.code);
  const rules = ids.map((id) => {
    const info = registry[id];
    const severity: Severity = info?.severity ?? 'information';
    return {
      id,
      name: ruleName(id),
      shortDescription: { text: info?.title ?? id },
      ...(info ? { fullDescription: { text: info.description } } : {}),
      helpUri: codeHref(id, kbUrl),
      defaultConfiguration: { level: levelOf(severity) },
    };
  });
  const results = files.flatMap((f) =>
    f.findings.map((finding) => ({
      ruleId: finding.code,
      ruleIndex: ids.indexOf(finding.code),
      level: levelOf(finding.severity),
      message: { text: finding.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: artifactLocation(f.path, cwd),
            region: { startLine: finding.line, startColumn: finding.column },
          },
        },
      ],
    })),
  );
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'RunLocalAI', semanticVersion: version, rules } },
        // Columns count UTF-16 code units, as the editor's positions do.
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
}
