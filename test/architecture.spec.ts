import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

/**
 * The direction of imports (docs/ARCHITECTURE.md): each module may import modules on its own level or
 * below, never above. A new module gets a level here before it is merged.
 */
const MODULE_LEVELS: Record<string, number> = {
  auth: 1,
  webhooks: 1,
  catalog: 2,
  vendors: 3,
  leads: 4,
  'call-reports': 5,
  // the money half and the partner lifecycle
  contracts: 6,
  targets: 6,
  settlement: 6,
  scoring: 6,
  knowledge: 6,
  // personal data: reaches into leads and call reports through their services
  privacy: 6,
  reports: 7,
  scheduler: 8,
  // pages composed from reports, targets, scores and the scheduler's alerts
  dashboards: 9,
  demo: 9,
  health: 9,
};

const SRC = resolve(__dirname, '..', 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

/** Where in src/ a file lives: 'database', 'common', 'config', 'modules/<name>' or the root. */
function areaOf(path: string): string {
  const parts = relative(SRC, path).split(sep);
  if (parts[0] === 'modules') return `modules/${parts[1]}`;
  return parts.length > 1 ? parts[0] : '.';
}

const imports = sourceFiles(SRC).flatMap((file) =>
  [...readFileSync(file, 'utf8').matchAll(/from '(\.{1,2}\/[^']+)'/g)].map((match) => ({
    file: relative(SRC, file),
    from: areaOf(file),
    to: areaOf(resolve(dirname(file), match[1])),
    target: relative(SRC, resolve(dirname(file), match[1])),
  })),
);

describe('architecture', () => {
  it('gives every module a level', () => {
    const modules = readdirSync(join(SRC, 'modules'));
    expect(modules.filter((name) => MODULE_LEVELS[name] === undefined)).toEqual([]);
  });

  it('keeps database below common: database imports nothing from common or the modules', () => {
    const upward = imports.filter(
      (i) => i.from === 'database' && (i.to === 'common' || i.to.startsWith('modules/')),
    );
    expect(upward).toEqual([]);
  });

  it('keeps common below the modules', () => {
    expect(imports.filter((i) => i.from === 'common' && i.to.startsWith('modules/'))).toEqual([]);
  });

  it('never imports a module from a module above it', () => {
    const level = (area: string) => MODULE_LEVELS[area.slice('modules/'.length)] ?? Infinity;
    const upward = imports.filter(
      (i) => i.from.startsWith('modules/') && i.to.startsWith('modules/') && level(i.to) > level(i.from),
    );
    expect(upward).toEqual([]);
  });

  it('lets other modules into leads only through leads/leads.published.ts', () => {
    const past = imports.filter(
      (i) =>
        i.from !== 'modules/leads' &&
        i.to === 'modules/leads' &&
        i.target !== 'modules/leads/leads.published',
    );
    expect(past.map((i) => `${i.file} → ${i.target}`)).toEqual([]);
  });

  describe('pure rule files (*.rules.ts)', () => {
    const ruleFiles = sourceFiles(join(SRC, 'modules')).filter(
      (file) => file.endsWith('.rules.ts') && !file.endsWith('.spec.ts'),
    );

    it('finds the rule files of the modules', () => {
      expect(ruleFiles.length).toBeGreaterThan(40);
    });

    it('gives every rule file its spec beside it', () => {
      const missing = ruleFiles.filter((file) => !existsSync(file.replace(/\.rules\.ts$/, '.rules.spec.ts')));
      expect(missing.map((file) => relative(SRC, file))).toEqual([]);
    });

    it('keeps rule files pure: no framework, no database, no service, entity, module or controller', () => {
      const impure = ruleFiles.flatMap((file) =>
        [...readFileSync(file, 'utf8').matchAll(/^import (?!type )[^;]*?from '([^']+)'/gms)]
          .map((match) => match[1])
          .filter(
            (spec) =>
              /^(@nestjs\/|typeorm$|pg$)/.test(spec) || /\.(service|entity|module|controller)$/.test(spec),
          )
          .map((spec) => `${relative(SRC, file)} → ${spec}`),
      );
      expect(impure).toEqual([]);
    });
  });
});
