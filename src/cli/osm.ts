#!/usr/bin/env node
/**
 * The operator's command line: `npm run osm -- <command> …`, or `osm …` once installed (package.json
 * bin; in a built image `node dist/src/cli/osm.js …`). Commands: import, export (through the API, with
 * the generated SDK) and admin (on the database; see admin-command.ts). `osm <command> --help`.
 */
import 'reflect-metadata';
import { runCli } from './operator-cli';

// `osm export … | head`: a reader that stops early is no error of ours.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

const interrupt = new AbortController();
// The first Ctrl-C lets the request in flight finish (the rerun then replays it); a second one kills.
if (process.argv[2] === 'import') {
  process.once('SIGINT', () => {
    process.stderr.write('\nstopping after the request in flight (Ctrl-C again to stop at once)…\n');
    interrupt.abort();
  });
}

runCli(process.argv.slice(2), {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  signal: interrupt.signal,
}).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
