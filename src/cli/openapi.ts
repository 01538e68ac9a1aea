/**
 * Writes the API contract and its SDK, deterministically and without a database or a port:
 *   openapi/openapi.json   the OpenAPI document, keys sorted
 *   openapi/sdk/           the typed TypeScript client generated from it (@hey-api/openapi-ts)
 * With --check, generates into a temporary folder and fails when the committed files differ.
 */
import 'reflect-metadata';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { buildOpenApiDocument, createApp } from '../app.factory';
import { loadConfig } from '../config/app-config';

const ROOT = join(__dirname, '..', '..');
const COMMITTED = join(ROOT, 'openapi');
/** Files in openapi/ that are written by hand, not generated: the declared breaking changes. */
const HAND_WRITTEN = ['breaking-changes.json'];

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? listFiles(path) : [path];
  });
}

async function generate(outDir: string): Promise<void> {
  // Defaults only: the document must not depend on the environment of whoever runs this.
  const config = { ...loadConfig({ LOG_LEVEL: 'silent' }), swaggerEnabled: false };
  const app = await createApp(config, { preview: true });
  const document = buildOpenApiDocument(app);
  await app.close();

  mkdirSync(outDir, { recursive: true });
  const specPath = join(outDir, 'openapi.json');
  writeFileSync(specPath, `${JSON.stringify(sortKeys(document), null, 2)}\n`);

  rmSync(join(outDir, 'sdk'), { recursive: true, force: true });
  const cli = join(ROOT, 'node_modules', '@hey-api', 'openapi-ts', 'bin', 'run.js');
  const result = spawnSync(
    process.execPath,
    [
      cli,
      '--input',
      specPath,
      '--output',
      join(outDir, 'sdk'),
      '--client',
      '@hey-api/client-fetch',
      '--silent',
    ],
    { cwd: ROOT, encoding: 'utf8' },
  );
  if (result.status !== 0) throw new Error(`SDK generation failed:\n${result.stdout}${result.stderr}`);
}

async function main(): Promise<number> {
  if (!process.argv.includes('--check')) {
    await generate(COMMITTED);
    console.log(`wrote ${relative(ROOT, COMMITTED)}/openapi.json and ${relative(ROOT, COMMITTED)}/sdk/`);
    return 0;
  }
  const scratch = mkdtempSync(join(tmpdir(), 'osm-openapi-'));
  try {
    await generate(scratch);
    const fresh = listFiles(scratch).map((file) => relative(scratch, file));
    const committed = listFiles(COMMITTED)
      .map((file) => relative(COMMITTED, file))
      .filter((file) => !HAND_WRITTEN.includes(file));
    const stale = [...new Set([...fresh, ...committed])].filter((file) => {
      try {
        return !readFileSync(join(scratch, file)).equals(readFileSync(join(COMMITTED, file)));
      } catch {
        return true;
      }
    });
    if (stale.length > 0) {
      console.error(
        `openapi/ is out of date (${stale.join(', ')}); run "npm run openapi" and commit the result.`,
      );
      return 1;
    }
    console.log('openapi/openapi.json and openapi/sdk/ are up to date.');
    return 0;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
