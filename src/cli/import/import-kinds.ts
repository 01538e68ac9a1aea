import type { Client } from '../../../openapi/sdk/client';
import {
  createCallReportBatch,
  importCustomers,
  importLeads,
  importTargetActuals,
  upsertContractByExternalId,
} from '../../../openapi/sdk';
import type {
  CreateCallReportBatchData,
  ImportCustomersData,
  ImportLeadsData,
  ImportTargetActualsData,
  UpsertContractByExternalIdData,
} from '../../../openapi/sdk';

/** What one request of an import answered, as the import command reads it. */
export interface SentRequest {
  data?: unknown;
  error?: unknown;
  response?: Response;
}

export interface ImportKind {
  name: string;
  /** One line for `osm import --help`. */
  summary: string;
  /** The operation in the OpenAPI document whose body schema shapes the rows. */
  operation: { path: string; method: 'post' | 'put' };
  /**
   * The array of rows in the body (`rows`, `reports`); its maxItems is the default chunk size. Absent for
   * a kind the API takes one row per request (contracts: an upsert by external id).
   */
  rowsProperty?: string;
  /** Columns that go into the request path instead of the body (contracts: source, externalId). */
  pathColumns?: string[];
  /** Extra column names operators know from the server's own CSV import (leads: contactName …). */
  aliases?: Record<string, string>;
  /**
   * One bad row refuses the whole request (call reports, actuals), rather than being rejected alone in
   * a per-row result (leads, customers).
   */
  allOrNothing: boolean;
  /**
   * The kind takes `--mapping <name>` (a saved import mapping or a preset such as salesforce-lead): the
   * rows then go as the file has them, and the service translates their columns and values.
   */
  takesMapping?: boolean;
  send(
    client: Client,
    body: Record<string, unknown>,
    idempotencyKey: string,
    path: Record<string, string>,
    query?: { mapping?: string },
  ): Promise<SentRequest>;
}

const idempotent = (key: string) => ({ 'Idempotency-Key': key });

export const IMPORT_KINDS: ImportKind[] = [
  {
    name: 'leads',
    summary: 'leads (POST /leads/imports): duplicates become touches, bad rows are rejected one by one',
    operation: { path: '/api/v1/leads/imports', method: 'post' },
    rowsProperty: 'rows',
    aliases: {
      contactName: 'contacts.0.name',
      contactPhone: 'contacts.0.phone',
      contactEmail: 'contacts.0.email',
      contactTitle: 'contacts.0.title',
    },
    allOrNothing: false,
    takesMapping: true,
    send: (client, body, key, _path, query) =>
      importLeads({ client, body: body as ImportLeadsData['body'], query, headers: idempotent(key) }),
  },
  {
    name: 'customers',
    summary: 'customers (POST /customers/imports): matched on ERP id, tax id, name, phone or email',
    operation: { path: '/api/v1/customers/imports', method: 'post' },
    rowsProperty: 'rows',
    allOrNothing: false,
    takesMapping: true,
    send: (client, body, key, _path, query) =>
      importCustomers({
        client,
        body: body as ImportCustomersData['body'],
        query,
        headers: idempotent(key),
      }),
  },
  {
    name: 'call-reports',
    summary: 'call reports (POST /call-reports/batch): a bad row refuses its whole chunk',
    operation: { path: '/api/v1/call-reports/batch', method: 'post' },
    rowsProperty: 'reports',
    allOrNothing: true,
    send: (client, body, key) =>
      createCallReportBatch({
        client,
        body: body as CreateCallReportBatchData['body'],
        headers: idempotent(key),
      }),
  },
  {
    name: 'contracts',
    summary:
      'contracts (PUT /contracts/by-external-id/{source}/{externalId}, one request per row: the API has ' +
      'no bulk contract import); columns source and externalId, lines as lines.0.productId, lines.0.quantity …',
    operation: { path: '/api/v1/contracts/by-external-id/{source}/{externalId}', method: 'put' },
    pathColumns: ['source', 'externalId'],
    allOrNothing: true,
    send: (client, body, key, path) =>
      upsertContractByExternalId({
        client,
        path: path as UpsertContractByExternalIdData['path'],
        body: body as UpsertContractByExternalIdData['body'],
        headers: idempotent(key),
      }),
  },
  {
    name: 'actuals',
    summary: 'target actuals (POST /target-actuals/imports): a bad row refuses its whole chunk',
    operation: { path: '/api/v1/target-actuals/imports', method: 'post' },
    rowsProperty: 'rows',
    allOrNothing: true,
    send: (client, body, key) =>
      importTargetActuals({
        client,
        body: body as ImportTargetActualsData['body'],
        headers: idempotent(key),
      }),
  },
];
