import { Command, CommanderError, Option } from 'commander';
import { ConfigError, loadConfig } from '../config/app-config';
import { ADMIN_USAGE, runAdminCommand } from './admin-command';
import { connect, UsageError, type ConnectionOptions } from './api/api-session';
import type { CliIo } from './cli-io';
import { EXPORT_FORMATS, filterQuery, knownExports, runExport } from './export/export-command';
import { IMPORT_KINDS } from './import/import-kinds';
import { maxRowsPerRequest, runImport } from './import/import-command';

/** Exit codes: 0 done, 1 rows (or a report) refused by the service, 2 usage or configuration. */
export const EXIT = { ok: 0, rejected: 1, usage: 2 } as const;

function withConnection(command: Command): Command {
  return command
    .option('--url <url>', 'the running service [OSM_URL]')
    .option('--token <jwt>', 'a bearer token [OSM_TOKEN]')
    .option('--client-id <id>', 'an API client, grant_type=client_credentials [OSM_CLIENT_ID]')
    .option('--client-secret <secret>', 'its secret [OSM_CLIENT_SECRET]')
    .option(
      '--username <email>',
      'a user, grant_type=password; the password only from OSM_PASSWORD [OSM_USERNAME]',
    );
}

function importHelp(): string {
  const kinds = IMPORT_KINDS.map((kind) => {
    const limit = maxRowsPerRequest(kind);
    return `  ${kind.name.padEnd(13)} ${kind.summary}${limit > 1 ? `; at most ${limit} rows a request` : ''}`;
  }).join('\n');
  return `
Kinds:
${kinds}

The file is CSV (UTF-8, comma separated, a header line) or the first sheet of an XLSX workbook. Columns are
the fields of the API's row (nested: location.latitude; arrays of objects: lines.0.quantity; lists: one
cell with a;b). Each chunk goes with its own Idempotency-Key, made from the file's content, the kind, the
chunk size and the chunk's number: run the same command again after an interruption and the chunks that
landed are answered from the service's stored result, not written twice. Keep the file and --chunk-size
as they were. Rows the service rejects (and cells of the wrong form, never sent) go to the error file:
row (as a spreadsheet numbers it, the header is row 1), field, code, message.

With --mapping <name> (leads, customers) the file is an export of another system as it came (leads: a
Salesforce Lead report, an Odoo crm.lead export, a HubSpot contacts export; customers: a Salesforce
Account export, an Odoo res.partner export, a HubSpot companies export; or any file a saved mapping
describes): the rows go with their own columns, the service translates them, and errors name the file's
columns.

Exit codes: 0 all rows taken in, 1 some rows rejected (see the error file) or the service lost after the
retries, 2 usage or configuration, 130 interrupted (rerun either to resume).

Example:
  OSM_URL=http://localhost:3000 OSM_CLIENT_ID=osm_… OSM_CLIENT_SECRET=… \\
    npm run osm -- import leads leads.xlsx --errors leads-errors.csv
  npm run osm -- import leads salesforce-leads.csv --mapping salesforce-lead
  npm run osm -- import customers accounts.csv --mapping salesforce-account
`;
}

function exportHelp(): string {
  const exports = [...knownExports()].map(([name, formats]) => `  ${name.padEnd(22)} ${formats.join(', ')}`);
  return `
Any GET /api/v1/reports/<name>.<format> the service has, with its filters as --name value (camelCase or
kebab-case; repeat a flag for a list). Exports this version knows:
${exports.join('\n')}

Examples:
  npm run osm -- export lists/leads --format xlsx --out leads.xlsx --status new --region-code CN-GD --key-lead true
  npm run osm -- export funnel --format csv --from 2026-01-01 --to 2026-03-31 > funnel.csv
`;
}

function chunkSize(value: string): number {
  if (!/^\d+$/.test(value)) throw new UsageError(`--chunk-size must be a whole number (got ${value})`);
  return Number(value);
}

function build(io: CliIo, finish: (code: number) => void): Command {
  const program = new Command('osm')
    .description('The operator’s command line for the Outsourced Sales Manager')
    .exitOverride()
    .configureOutput({ writeOut: (text) => io.stdout.write(text), writeErr: (text) => io.stderr.write(text) })
    .showHelpAfterError('(osm <command> --help shows the options)');

  withConnection(
    program
      .command('import')
      .description('Import leads, customers, call reports, contracts or target actuals from CSV or XLSX')
      .argument('<kind>', IMPORT_KINDS.map((kind) => kind.name).join(' | '))
      .argument('<file>', 'a .csv or .xlsx file')
      .addOption(
        new Option('--chunk-size <rows>', 'rows a request (default: the endpoint’s most)').argParser(
          chunkSize,
        ),
      )
      .option('--errors <file>', 'the per-row error file (default: <file>.errors.csv when a row fails)')
      .option(
        '--mapping <name>',
        'leads and customers: a saved import mapping or a preset (leads: salesforce-lead, odoo-crm-lead, ' +
          'hubspot-contacts; customers: salesforce-account, odoo-res-partner, hubspot-companies); the file ' +
          'keeps its own columns and the service maps them',
      )
      .addHelpText('after', importHelp()),
  ).action(
    async (
      kindName: string,
      file: string,
      options: ConnectionOptions & { chunkSize?: number; errors?: string; mapping?: string },
    ) => {
      const kind = IMPORT_KINDS.find((candidate) => candidate.name === kindName);
      if (!kind)
        throw new UsageError(
          `Unknown kind ${kindName}; one of ${IMPORT_KINDS.map((k) => k.name).join(', ')}`,
        );
      const client = await connect(options, io.env);
      finish((await runImport(client, kind, file, options, io)).exitCode);
    },
  );

  withConnection(
    program
      .command('export')
      .description('Export a report or list (CSV, XLSX, SVG) to a file or stdout')
      .argument('<name>', 'the report: lists/leads, funnel, losses, analysis, forecast, …')
      .option('--format <format>', EXPORT_FORMATS.join(' | '), 'csv')
      .option('--out <file>', 'where to write it (default: stdout)')
      .allowUnknownOption()
      .allowExcessArguments()
      .addHelpText('after', exportHelp()),
  ).action(
    async (name: string, options: ConnectionOptions & { format: string; out?: string }, command: Command) => {
      const filters = filterQuery(command.args.slice(1));
      const { client } = await connect(options, io.env);
      finish(await runExport(client, name, options, filters, io));
    },
  );

  program
    .command('admin')
    .description('First admin and password resets, straight on the database (DATABASE_URL)')
    .helpOption(false)
    .allowUnknownOption()
    .argument('[args...]')
    .addHelpText('after', `\n${ADMIN_USAGE}`)
    .action(async (args: string[]) => {
      if (args.length === 0 || args.includes('--help') || args.includes('-h')) {
        io.stdout.write(ADMIN_USAGE);
        finish(args.length === 0 ? EXIT.usage : EXIT.ok);
        return;
      }
      let config;
      try {
        config = loadConfig();
      } catch (error) {
        if (error instanceof ConfigError) throw new UsageError(error.message);
        throw error;
      }
      finish(await runAdminCommand(args, io, config));
    });
  return program;
}

/**
 * Runs one command line (`argv` without node and the script) and answers its exit code; never exits the
 * process, so tests run it in-process against a test service.
 */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  let code: number = EXIT.ok;
  const program = build(io, (result) => (code = result));
  if (argv.length === 0) {
    program.outputHelp();
    return EXIT.usage;
  }
  try {
    await program.parseAsync(argv, { from: 'user' });
    return code;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (error instanceof UsageError) {
      io.stderr.write(`${error.message}\n`);
      return EXIT.usage;
    }
    io.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT.rejected;
  }
}
