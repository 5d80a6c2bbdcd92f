import { z } from 'zod';
import { experimentConfigSchema, methodSchema } from './experimentConfig';

/** The bits of JSON Schema that zod writes for the experiment configuration. */
interface JsonSchema {
  type?: string;
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  description?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  minLength?: number;
  minItems?: number;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  oneOf?: JsonSchema[];
  items?: JsonSchema;
}

const largest = Number.MAX_SAFE_INTEGER;

function typeOf(schema: JsonSchema): string {
  if (schema.enum !== undefined) {
    return schema.enum.map((v) => `\`${JSON.stringify(v)}\``).join(' \\| ');
  }
  if (schema.const !== undefined) {
    return `\`${JSON.stringify(schema.const)}\``;
  }
  const bounds: string[] = [];
  if (schema.minimum !== undefined) {
    bounds.push(`≥ ${schema.minimum}`);
  }
  if (schema.exclusiveMinimum !== undefined) {
    bounds.push(`> ${schema.exclusiveMinimum}`);
  }
  if (schema.maximum !== undefined && schema.maximum < largest) {
    bounds.push(`≤ ${schema.maximum}`);
  }
  return `${schema.type ?? 'object'} ${bounds.join(', ')}`.trim();
}

function defaultOf(schema: JsonSchema, required: boolean): string {
  if (schema.default !== undefined) {
    return `\`${JSON.stringify(schema.default)}\``;
  }
  return required ? 'required' : '—';
}

function rows(schema: JsonSchema, prefix: string, out: string[]): void {
  for (const [key, field] of Object.entries(schema.properties ?? {})) {
    const path = `${prefix}${key}`;
    const required = schema.required?.includes(key) ?? false;
    if (field.oneOf !== undefined) {
      out.push(
        `| \`${path}\` | one of the variants below | ${defaultOf(field, required)} | ${field.description ?? ''} |`,
      );
      for (const variant of field.oneOf) {
        const discriminator = Object.entries(variant.properties ?? {}).find(
          ([, p]) => p.const !== undefined,
        );
        const label =
          discriminator === undefined
            ? ''
            : ` (with \`${discriminator[0]}: ${JSON.stringify(discriminator[1].const)}\`)`;
        for (const [name, sub] of Object.entries(variant.properties ?? {})) {
          if (sub.const !== undefined) {
            continue;
          }
          const subRequired = variant.required?.includes(name) ?? false;
          out.push(
            `| \`${path}.${name}\`${label} | ${typeOf(sub)} | ${defaultOf(sub, subRequired)} | ${sub.description ?? ''} |`,
          );
        }
      }
    } else if (field.type === 'object' && field.properties !== undefined) {
      out.push(`| \`${path}\` | object | (each field's) | ${field.description ?? ''} |`);
      rows(field, `${path}.`, out);
    } else if (field.type === 'array') {
      out.push(
        `| \`${path}\` | list of methods (below), ≥ ${field.minItems ?? 0} | all six | ${field.description ?? ''} |`,
      );
    } else {
      out.push(
        `| \`${path}\` | ${typeOf(field)} | ${defaultOf(field, required)} | ${field.description ?? ''} |`,
      );
    }
  }
}

/**
 * The experiment configuration's fields as markdown tables, generated from the zod schema
 * (`experimentConfig.ts`); experiments/README.md holds them and a test keeps it in step.
 */
export function experimentConfigMarkdown(): string {
  const schema = z.toJSONSchema(experimentConfigSchema, { io: 'input' }) as JsonSchema;
  const fields: string[] = ['| Field | Type | Default | Meaning |', '| --- | --- | --- | --- |'];
  rows(schema, '', fields);
  const methods = z.toJSONSchema(methodSchema, { io: 'input' }) as JsonSchema;
  const methodRows = ['| Method | Fields | Meaning |', '| --- | --- | --- |'];
  for (const variant of methods.oneOf ?? []) {
    const props = Object.entries(variant.properties ?? {});
    const kind = props.find(([name]) => name === 'kind')?.[1].const;
    const others = props
      .filter(([name]) => name !== 'kind')
      .map(
        ([name, p]) =>
          `\`${name}\`: ${typeOf(p)}${p.default === undefined ? '' : ` (default \`${JSON.stringify(p.default)}\`)`}`,
      );
    methodRows.push(
      `| \`{ "kind": ${JSON.stringify(kind)} }\` | ${others.join('; ') || '—'} | ${variant.description ?? ''} |`,
    );
  }
  return [
    '<!-- prettier-ignore-start -->',
    ...fields,
    '',
    ...methodRows,
    '<!-- prettier-ignore-end -->',
  ].join('\n');
}
