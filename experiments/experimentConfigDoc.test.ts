import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { experimentConfigSchema, experimentPresets } from './experimentConfig';
import { experimentConfigMarkdown } from './experimentConfigDoc';

const readme = fs.readFileSync(path.join(import.meta.dirname, 'README.md'), 'utf8');

describe("the experiment configuration's documentation", () => {
  it('is the table generated from the schema (regenerate: npx parley experiment --schema)', () => {
    const documented =
      /<!-- experiment-config:start -->\n([\s\S]*?)\n<!-- experiment-config:end -->/.exec(readme);
    expect(documented?.[1]).toBe(experimentConfigMarkdown());
  });

  it('names every field of the schema', () => {
    const table = experimentConfigMarkdown();
    for (const key of Object.keys(experimentConfigSchema.shape)) {
      expect(table).toContain(`| \`${key}\` |`);
    }
    expect(table).toContain('`training.rlBatchSize`');
    expect(table).toContain('`data.path` (with `source: "file"`)');
  });

  it('lists every preset (medium too) under Presets', () => {
    const presets = /Presets \(`experimentConfig\.ts`\):([\s\S]*?)\n\n/.exec(readme)?.[1] ?? '';
    for (const name of Object.keys(experimentPresets)) {
      expect(presets).toContain(`\`${name}\``);
    }
  });
});
