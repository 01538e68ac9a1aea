import { Injectable } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import type { DataScope } from '../../../common/auth/data-scope';
import type { Principal } from '../../../common/auth/role';
import { DomainException, FieldError } from '../../../common/errors/domain.exception';
import { csvText } from '../../../common/http/csv-body';
import { LeadSource } from '../lead.enums';
import { rowContractViolations } from '../../../common/validation/strict-validation.pipe';
import {
  ImportMappingTarget,
  LEAD_CSV_COLUMNS,
  MAX_LISTED_ERRORS,
  mapRow,
  MappingPlan,
  planMapping,
  recordsToCells,
  toSourceField,
} from './import-mapping.rules';
import { ImportMappingsService } from './import-mappings.service';
import { parseCsv } from './lead-csv';
import {
  ForeignImportRow,
  ImportOutcome,
  ImportResultDto,
  InvoiceRowDto,
  MAX_IMPORT_ROWS,
  summarise,
} from './lead-imports.dto';
import { LeadIntakeService } from './lead-intake.service';
import { validateLeadRows } from './lead-row-validator.rules';
import { LeadInputDto } from '../leads.dto';

export { LEAD_CSV_COLUMNS } from './import-mapping.rules';
const REQUIRED_CSV_COLUMNS = ['companyName'];

/** Bulk intake: JSON rows, CSV files and ERP invoices, all through the one set-based intake. */
@Injectable()
export class LeadImportsService {
  constructor(
    private readonly intake: LeadIntakeService,
    private readonly mappings: ImportMappingsService,
  ) {}

  /**
   * JSON rows. With a mapping the rows are the other system's records (its own keys, text, number or
   * boolean values), translated by the mapping and then imported like CSV rows.
   */
  async importLeads(
    rows: (LeadInputDto | ForeignImportRow)[],
    scope: DataScope,
    principal: Principal,
    mappingName?: string,
  ): Promise<ImportResultDto> {
    if (mappingName !== undefined) {
      const records = recordsToCells(rows);
      if (!records.ok)
        throw DomainException.validation(
          records.errors,
          'Some rows have the wrong shape; nothing was imported',
        );
      return this.importMapped(mappingName, records.header, records.cells, scope, principal, 'The rows');
    }
    // As the validation pipe does for any body: what the contract forbids first, then the field rules.
    const violations = rowContractViolations(rows, LeadInputDto);
    if (violations.length) throw DomainException.validation(violations.slice(0, MAX_LISTED_ERRORS));
    const errors = validateLeadRows(rows);
    if (errors.length)
      throw DomainException.validation(
        errors.slice(0, MAX_LISTED_ERRORS),
        'Some rows have the wrong shape; nothing was imported',
      );
    return summarise(
      await this.intake.intake(rows as LeadInputDto[], {
        scope,
        principal,
        defaultSource: LeadSource.IMPORT,
      }),
    );
  }

  /** Malformed files (encoding, header, cell counts, cell types) are refused whole with 400; nothing is written. */
  async importLeadsCsv(
    body: unknown,
    scope: DataScope,
    principal: Principal,
    mappingName?: string,
  ): Promise<ImportResultDto> {
    const text = csvText(
      body,
      'The file is not valid UTF-8; save it as UTF-8 (GBK and Latin-2 files are not read) and send it again',
    );
    const parsed = parseCsv(text, MAX_IMPORT_ROWS);
    if (!parsed.ok) throw DomainException.validation(parsed.errors, parsed.detail);
    if (mappingName !== undefined)
      return this.importMapped(mappingName, parsed.header, parsed.rows, scope, principal, 'The CSV header');
    const known = new Set<string>(LEAD_CSV_COLUMNS);
    const headerErrors: FieldError[] = [
      ...parsed.header
        .filter((name) => !known.has(name))
        .map((name) => ({
          field: `header.${name}`,
          message: `is not a known column (${LEAD_CSV_COLUMNS.join(', ')})`,
        })),
      ...REQUIRED_CSV_COLUMNS.filter((name) => !parsed.header.includes(name)).map((name) => ({
        field: `header.${name}`,
        message: 'is a required column and is missing',
      })),
      ...parsed.header
        .filter((name, index) => parsed.header.indexOf(name) !== index)
        .map((name) => ({ field: `header.${name}`, message: 'appears twice' })),
    ];
    if (headerErrors.length) throw DomainException.validation(headerErrors, 'The CSV header is wrong');
    if (parsed.rows.length === 0)
      throw DomainException.validation([{ field: 'rows', message: 'the file has no data rows' }]);

    const inputs = parsed.rows.map((cells) =>
      flatRowToInput(Object.fromEntries(parsed.header.map((name, index) => [name, cells[index]]))),
    );
    const errors = validateLeadRows(inputs).map((error) => ({ ...error, field: csvField(error.field) }));
    if (errors.length)
      throw DomainException.validation(errors, 'Some cells have the wrong format; nothing was imported');
    const results = await this.intake.intake(inputs, { scope, principal, defaultSource: LeadSource.IMPORT });
    return summarise(
      results.map((result) =>
        result.field
          ? { ...result, field: csvField(result.field), reason: csvField(result.reason ?? '') }
          : result,
      ),
    );
  }

  /**
   * Rows in another system's columns: the mapping must fit the header (400 naming `header.<column>`), then
   * the translated rows go through the same checks, dedupe and all-or-nothing rules as OSM rows. Errors
   * and results name the source column a failing field came from.
   */
  private async importMapped(
    mappingName: string,
    header: string[],
    rows: string[][],
    scope: DataScope,
    principal: Principal,
    what: string,
  ): Promise<ImportResultDto> {
    const mapping = await this.mappings.resolve(mappingName, ImportMappingTarget.LEADS);
    const planned = planMapping(mapping, header, mapping.name);
    if (!planned.ok)
      throw DomainException.validation(planned.errors, `${what} does not fit mapping ${mapping.name}`);
    const { plan } = planned;
    if (rows.length === 0)
      throw DomainException.validation([{ field: 'rows', message: 'the file has no data rows' }]);
    const inputs = rows.map((cells) => flatRowToInput(mapRow(plan, cells)));
    const errors = validateLeadRows(inputs).map((error) => ({
      ...error,
      field: sourceField(plan, error.field),
    }));
    if (errors.length)
      throw DomainException.validation(errors, 'Some cells have the wrong format; nothing was imported');
    const results = await this.intake.intake(inputs, { scope, principal, defaultSource: LeadSource.IMPORT });
    return summarise(
      results.map((result) =>
        result.field
          ? {
              ...result,
              field: sourceField(plan, result.field),
              reason: sourceField(plan, result.reason ?? ''),
            }
          : result,
      ),
    );
  }

  /**
   * Invoice buyers from the ERP: a buyer that is already a customer is skipped; an unknown one becomes a
   * lead with source `invoice` (or a touch on the lead it duplicates). Several invoices of one buyer in a
   * batch make one lead and touches.
   */
  async importInvoices(
    rows: InvoiceRowDto[],
    scope: DataScope,
    principal: Principal,
  ): Promise<ImportResultDto> {
    const inputs = rows.map((row) =>
      plainToInstance(LeadInputDto, {
        companyName: row.buyerName,
        taxId: row.buyerTaxId,
        regionCode: row.buyerRegionCode,
        source: LeadSource.INVOICE,
        sourceCampaign: row.invoiceNumber,
        contacts: row.buyerPhone || row.buyerEmail ? [{ phone: row.buyerPhone, email: row.buyerEmail }] : [],
      }),
    );
    const results = await this.intake.intake(inputs, {
      scope,
      principal,
      defaultSource: LeadSource.INVOICE,
      customerOutcome: ImportOutcome.SKIPPED,
      details: (index) => ({
        invoiceNumber: rows[index].invoiceNumber,
        issuedOn: rows[index].issuedOn,
        amountMinor: rows[index].amountMinor,
        currency: rows[index].currency,
      }),
    });
    return summarise(results);
  }
}

function splitList(value: string): string[] {
  return value
    .split(';')
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
}

/** One row of import columns (field → text, lists `;`-separated) as a lead input. */
function flatRowToInput(row: Record<string, string>): LeadInputDto {
  const raw: Record<string, unknown> = {};
  const contact: Record<string, string> = {};
  for (const [name, cell] of Object.entries(row)) {
    const value = cell.trim();
    if (value === '') continue;
    if (name.startsWith('contact')) contact[name[7].toLowerCase() + name.slice(8)] = value;
    else if (name === 'productLineIds' || name === 'tags') raw[name] = splitList(value);
    else if (name === 'registeredCapitalMinor') raw[name] = /^\d+$/.test(value) ? Number(value) : value;
    else raw[name] = value;
  }
  if (Object.keys(contact).length) raw.contacts = [contact];
  return raw as unknown as LeadInputDto;
}

/** `rows.3.contacts.0.email` → `rows.3.contactEmail` → `rows.3.Email`: the source column it came from. */
function sourceField(plan: MappingPlan, field: string): string {
  return toSourceField(plan, csvField(field));
}

/** `rows.3.contacts.0.phone` → `rows.3.contactPhone` (also at the start of a text), so errors name the CSV column. */
function csvField(field: string): string {
  return field.replace(
    /(^|\.)contacts\.0\.(\w)(\w*)/,
    (_, dot: string, first: string, rest: string) => `${dot}contact${first.toUpperCase()}${rest}`,
  );
}
