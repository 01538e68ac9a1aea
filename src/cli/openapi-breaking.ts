/**
 * Fails when openapi/openapi.json breaks a client of the previous commit's contract (see
 * openapi-breaking-changes.ts for the rules), unless each breaking change is declared: listed with a reason
 * in openapi/breaking-changes.json, or named in an `API-Breaking: <id>` trailer of the commit's message.
 * Without a previous version (a first commit, a shallow clone) there is nothing to compare and it passes.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findBreakingChanges, type OpenApiDocument, undeclaredChanges } from './openapi-breaking-changes';

const ROOT = join(__dirname, '..', '..');
const CONTRACT = 'openapi/openapi.json';
const DECLARATIONS = join(ROOT, 'openapi', 'breaking-changes.json');

interface Declarations {
  accepted: { id: string; reason: string }[];
}

function git(...args: string[]): string | null {
  try {
    return execFileSync('git', args, {
      cwd: ROOT,
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
      stdio: ['ignore', 'pipe', 'ignore'],
    });
  } catch {
    return null;
  }
}

function declaredIds(): string[] {
  const fromFile = existsSync(DECLARATIONS)
    ? (JSON.parse(readFileSync(DECLARATIONS, 'utf8')) as Declarations).accepted.map((entry) => {
        if (!entry.reason?.trim()) throw new Error(`${DECLARATIONS}: "${entry.id}" has no reason`);
        return entry.id;
      })
    : [];
  const message = git('log', '-1', '--format=%B') ?? '';
  const fromTrailers = [...message.matchAll(/^API-Breaking:\s*(.+?)\s*$/gm)].map((match) => match[1]);
  return [...fromFile, ...fromTrailers];
}

function main(): number {
  const previous = git('show', `HEAD~1:${CONTRACT}`);
  if (previous === null) {
    console.log(`No ${CONTRACT} in the previous commit: nothing to compare.`);
    return 0;
  }
  const before = JSON.parse(previous) as OpenApiDocument;
  const after = JSON.parse(readFileSync(join(ROOT, CONTRACT), 'utf8')) as OpenApiDocument;
  const changes = findBreakingChanges(before, after);
  const undeclared = undeclaredChanges(changes, declaredIds());
  const declared = changes.length - undeclared.length;
  if (undeclared.length > 0) {
    console.error(`${undeclared.length} undeclared breaking change(s) of the API contract against HEAD~1:`);
    for (const change of undeclared) console.error(`  ${change.id}\n      ${change.message}`);
    console.error(
      'Keep the old shape, or declare each id with a reason in openapi/breaking-changes.json ' +
        '(or an "API-Breaking: <id>" commit trailer).',
    );
    return 1;
  }
  console.log(`No undeclared breaking changes against HEAD~1 (${declared} declared).`);
  return 0;
}

process.exit(main());
