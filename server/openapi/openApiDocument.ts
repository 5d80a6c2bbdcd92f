import { z } from 'zod';
import { errorCodes } from '../../shared/protocol/errorCodes';
import { routeTable, type RouteDoc } from './routeTable';

type JsonSchema = Record<string, unknown>;

/** A zod schema as JSON Schema (draft 2020-12, which OpenAPI 3.1 uses), describing the input. */
function jsonSchema(schema: z.ZodType): JsonSchema {
  const generated = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  // The dialect is the document's (OpenAPI 3.1 = JSON Schema 2020-12); no per-schema $schema.
  return Object.fromEntries(Object.entries(generated).filter(([key]) => key !== '$schema'));
}

/** `:name` → `{name}`. */
export function openApiPath(expressPath: string): string {
  return expressPath.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}

function parameters(route: RouteDoc) {
  const list: Record<string, unknown>[] = [];
  for (const [location, schema] of [
    ['path', route.params],
    ['query', route.query],
  ] as const) {
    if (schema === undefined) {
      continue;
    }
    const object = jsonSchema(schema) as {
      properties?: Record<string, JsonSchema>;
      required?: string[];
    };
    for (const [name, property] of Object.entries(object.properties ?? {})) {
      list.push({
        name,
        in: location,
        required: location === 'path' || (object.required ?? []).includes(name),
        schema: property,
      });
    }
  }
  return list;
}

const accessText = (route: RouteDoc) =>
  route.access === 'public'
    ? 'Public.'
    : route.access === 'signedIn'
      ? 'Any signed-in user.'
      : `Permission \`${route.access}\` (shared/protocol/roles.ts).`;

/** The OpenAPI 3.1 description of Parley's REST API, built from the route table. */
export function openApiDocument(version = '0.1.0') {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routeTable) {
    const operation: Record<string, unknown> = {
      operationId: `${route.method}${openApiPath(route.path)
        .replace(/^\/api/, '')
        .replace(/[{}]/g, '')
        .split(/[/:_-]/)
        .filter(Boolean)
        .map((w) => `${w[0]?.toUpperCase() ?? ''}${w.slice(1)}`)
        .join('')}`,
      summary: route.summary,
      description: accessText(route),
      tags: [route.tag],
      parameters: parameters(route),
      responses: {
        [String(route.success.status)]: {
          description: route.success.description,
          ...(route.success.status === 204
            ? {}
            : { content: { [route.success.type ?? 'application/json']: { schema: {} } } }),
        },
        default: {
          description: 'An error: `{ error: { code, message, details? } }`',
          content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
        },
      },
    };
    if (route.access !== 'public') {
      operation.security = [{ session: [] }, { bearer: [] }];
    }
    if (route.body !== undefined) {
      operation.requestBody = {
        required: true,
        content: { 'application/json': { schema: jsonSchema(route.body) } },
      };
    } else if (route.bodyType !== undefined) {
      operation.requestBody = {
        required: true,
        content: { [route.bodyType]: { schema: { type: 'string' } } },
      };
    }
    (paths[openApiPath(route.path)] ??= {})[route.method] = operation;
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Parley REST API',
      version,
      description:
        'Cookie-authenticated writes need the `X-Parley-CSRF` header; scripts use `Authorization: Bearer <token>`. Socket.IO events are described in docs/protocol.md.',
    },
    servers: [{ url: '/' }],
    paths,
    components: {
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'parley.sid' },
        bearer: { type: 'http', scheme: 'bearer' },
      },
      schemas: {
        Error: {
          type: 'object',
          required: ['error'],
          properties: {
            error: {
              type: 'object',
              required: ['code', 'message'],
              properties: {
                code: { type: 'string', enum: [...errorCodes] },
                message: { type: 'string' },
                details: {},
              },
            },
          },
        },
      },
    },
  };
}
