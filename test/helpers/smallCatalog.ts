import { catalogFileSchema, type Catalog } from '../../server/src/engine/catalog/schema';

/**
 * A catalog of a few invented entries, for tests about mechanisms (caching, ranges, links) that
 * must not change when the real catalog grows. Values are made up and say so; validated by the
 * real schema so the shapes stay right.
 */
const invented = [{ title: 'test fixture, invented values', url: 'https://example.org/test-fixture' }];

export function smallCatalog(): Catalog {
  const file = catalogFileSchema.parse({
    glossary: [
      {
        id: 'widget-cache',
        term: 'widget cache',
        category: 'Inference and serving',
        tier: 1,
        aliases: ['widget-cache'],
        definition: 'An invented term for tests: a cache of widgets that grows with every widget.',
        deeperDive: 'Nothing deeper: it exists so that tests do not depend on the real glossary.',
        example: 'Forty widgets take forty slots.',
        workflow: { tool: 'a test tool', text: 'Nothing to run: an invented workflow.' },
        kb: ['widget-overflow'],
        sources: invented,
      },
    ],
    models: [],
    gpus: [],
    quantizations: [],
    errors: [
      {
        id: 'widget-overflow',
        title: 'Widget overflow',
        category: 'Test',
        runtimes: ['any'],
        printed: ['FATAL widget overflow at slot 7'],
        patterns: ['widget overflow at slot'],
        samples: [
          { line: 'FATAL widget overflow at slot 7', runtime: 'test', version: 'invented', source: 'https://example.org/test-fixture' },
        ],
        cause: 'An invented error for tests: more widgets than slots were asked for at once.',
        solutions: [{ title: 'Ask for fewer widgets', detail: 'Halve the number of widgets.' }],
        url: 'https://example.org/errors/widget-overflow',
        lastVerified: '2026-01-01',
        sources: invented,
      },
    ],
  });
  return {
    glossary: file.glossary ?? [],
    models: file.models ?? [],
    gpus: file.gpus ?? [],
    quantizations: file.quantizations ?? [],
    errors: file.errors ?? [],
  };
}
