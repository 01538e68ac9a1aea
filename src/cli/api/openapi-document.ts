import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SchemaObject } from '../import/row-shape';

export interface OpenApiDocument {
  paths: Record<string, Record<string, OperationObject | undefined>>;
  components: { schemas: Record<string, SchemaObject> };
}

export interface OperationObject {
  summary?: string;
  requestBody?: { content?: Record<string, { schema?: SchemaObject }> };
  parameters?: { name: string; in: string }[];
}

let loaded: OpenApiDocument | undefined;

/**
 * The OpenAPI document the SDK was generated from, shipped beside it (openapi/openapi.json; a build
 * copies it to dist/openapi/). Run from the sources (src/cli/api) or the build (dist/src/cli/api).
 */
export function loadOpenApiDocument(): OpenApiDocument {
  if (loaded) return loaded;
  const candidates = [
    join(__dirname, '../../../openapi/openapi.json'),
    join(__dirname, '../../../../openapi/openapi.json'),
  ];
  const found = candidates.find((candidate) => existsSync(candidate));
  if (!found) throw new Error(`openapi.json not found (looked at ${candidates.join(', ')})`);
  loaded = JSON.parse(readFileSync(found, 'utf8')) as OpenApiDocument;
  return loaded;
}
