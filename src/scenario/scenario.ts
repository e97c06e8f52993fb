/**
 * What a scenario is: a proxy config, the backends it talks to, the files on
 * its disk and the requests a learner starts from. One schema for the
 * course's built-in scenarios, lessons (src/course/schema.ts), shared links
 * and files, so each is held to the same rules; the types are read from it.
 */
import { z } from 'zod';
import { backendMapSchema } from './backend.ts';
import { CONTROL, KIB, lineText } from './fields.ts';
import { noProtoKeys } from './no-proto-keys.ts';
import { formRequestSchema } from './request.ts';

/** nginx.conf in UTF-8 bytes; far above any config a learner writes. */
export const MAX_CONFIG_BYTES = 100 * KIB;
/** The whole scenario as JSON in UTF-8 bytes; also the most a link may inflate to. */
export const MAX_SCENARIO_BYTES = 1024 * KIB;

const utf8Bytes = (text: string) => new TextEncoder().encode(text).length;

/** The virtual disk's paths, for `root`, `alias` and `try_files`. */
const filePath = z
  .string()
  .startsWith('/', 'a file path must be absolute, like /var/www/index.html')
  .max(1 * KIB, 'a file path must be at most 1 KB')
  .refine((p) => !CONTROL.test(p), 'a file path must not contain control characters')
  .refine(
    (p) => !p.split('/').includes('..'),
    'a file path must not contain .. (write the path it leads to)',
  );

/** A request offered as a button that fills the form. */
export const presetSchema = z.strictObject({
  /** The button's words: "An API call from another client". */
  label: lineText(200).min(1, 'must not be empty'),
  request: formRequestSchema,
});

/** The parts a scenario is made of, for the formats that hold some of them (a lesson's frontmatter). */
export const scenarioParts = {
  /** lowercase-with-dashes, as ids are written. */
  id: z
    .string()
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lowercase words joined by dashes: round-robin'),
  title: lineText(200),
  /** One or two plain sentences describing the set-up. */
  summary: z.string(),
  /** nginx.conf as the learner would write it, kept exactly so nginx's line numbers match. */
  config: z.string().refine((c) => utf8Bytes(c) <= MAX_CONFIG_BYTES, 'must be at most 100 KB'),
  backends: backendMapSchema,
  /** The proxy's virtual disk: absolute path → content. */
  files: z.record(filePath, z.string()),
  /** The request the form starts with; the learner can change every part of it. */
  request: formRequestSchema,
  presets: z.array(presetSchema).max(100, 'must have at most 100 presets'),
};

/** A whole scenario: no `__proto__` key anywhere, and within MAX_SCENARIO_BYTES counted as JSON. */
function whole<T extends z.ZodType>(schema: T) {
  return noProtoKeys(
    schema.refine(
      (s) => utf8Bytes(JSON.stringify(s)) <= MAX_SCENARIO_BYTES,
      'the scenario must be at most 1 MB in all',
    ),
  );
}

/** A scenario the sandbox runs: backends, files and presets may be left out when there are none. */
export const scenarioSchema = whole(
  z.strictObject({
    ...scenarioParts,
    backends: scenarioParts.backends.default({}),
    files: scenarioParts.files.default({}),
    presets: scenarioParts.presets.default([]),
  }),
);

export type Scenario = z.output<typeof scenarioSchema>;
export type ScenarioInput = z.input<typeof scenarioSchema>;
export type Preset = z.output<typeof presetSchema>;

/**
 * A scenario as a link (`v1.`) or a file carries it: what the playground
 * needs to rebuild what the learner had. Every field but `request` is
 * written, so links and files made before read the same way.
 */
export const sharedScenarioSchema = whole(
  z.strictObject({
    title: scenarioParts.title,
    config: scenarioParts.config,
    backends: scenarioParts.backends,
    files: scenarioParts.files,
    request: scenarioParts.request.optional(),
  }),
);

export type SharedScenario = z.output<typeof sharedScenarioSchema>;
