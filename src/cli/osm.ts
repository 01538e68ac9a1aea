/**
 * The operator's command line: `npm run osm -- <area> <command> …` (in a built image:
 * `node dist/src/cli/osm.js …`). Areas: `admin` (see admin-command.ts).
 */
import 'reflect-metadata';
import { ConfigError, loadConfig } from '../config/app-config';
import { ADMIN_USAGE, runAdminCommand } from './admin-command';

async function main(): Promise<number> {
  const [area, ...args] = process.argv.slice(2);
  if (area !== 'admin') {
    process.stderr.write(ADMIN_USAGE);
    return 2;
  }
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      return 2;
    }
    throw error;
  }
  return runAdminCommand(args, process, config);
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
