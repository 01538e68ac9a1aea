import { Injectable } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { DomainException, FieldError } from '../../../common/errors/domain.exception';
import { csvText } from '../../../common/http/csv-body';
import { flattenValidationErrors } from '../../../common/errors/validation';
import { rowContractViolations } from '../../../common/validation/strict-validation.pipe';
import {
  IMPORT_FIELDS,
  ImportMappingRules,
  ImportMappingTarget,
  MAX_LISTED_ERRORS,
  mapRow,
  MappingPlan,
  planMapping,
  recordsToCells,
  toSourceField,
} from '../intake/import-mapping.rules';
import { ImportMappingsService } from '../intake/import-mappings.service';
import { ForeignImportRow, MAX_IMPORT_ROWS, ImportResultDto, summarise } from '../intake/lead-imports.dto';
import { parseCsv } from '../intake/lead-csv';
import { CustomerInputDto } from './customers.dto';
import { CustomersService } from './customers.service';

/** OSM's own customer columns, as an identity mapping that refuses any other column. */
const OWN_COLUMNS: ImportMappingRules = {
  target: ImportMappingTarget.CUSTOMERS,
  columns: Object.fromEntries(Object.keys(IMPORT_FIELDS.customers).map((field) => [field, field])),
  values: {},
  ignoreUnknownColumns: false,
};

/**
 * ERP customer imports: JSON rows and CSV files, in OSM's fields or in another system's columns through a
 * saved mapping or a preset. Every shape problem refuses the whole batch before anything is written.
 */
@Injectable()
export class CustomerImportsService {
  constructor(
    private readonly customers: CustomersService,
    private readonly mappings: ImportMappingsService,
  ) {}

  /**
   * JSON rows. Without a mapping they are OSM rows, checked as the contract says (400 naming
   * `rows.N.field`); with one they are the other system's records, translated as CSV lines are.
   */
  async importCustomerRows(
    rows: (CustomerInputDto | ForeignImportRow)[],
    mappingName?: string,
  ): Promise<ImportResultDto> {
    if (mappingName !== undefined) {
      const records = recordsToCells(rows);
      if (!records.ok)
        throw DomainException.validation(
          records.errors,
          'Some rows have the wrong shape; nothing was imported',
        );
      const mapping = await this.mappings.resolve(mappingName, ImportMappingTarget.CUSTOMERS);
      const planned = planMapping(mapping, records.header, mapping.name);
      if (!planned.ok)
        throw DomainException.validation(planned.errors, `The rows do not fit mapping ${mapping.name}`);
      return this.importMapped(planned.plan, records.cells);
    }
    // As the validation pipe does for any body: what the contract forbids first, then the field rules.
    const violations = rowContractViolations(rows, CustomerInputDto);
    if (violations.length) throw DomainException.validation(violations.slice(0, MAX_LISTED_ERRORS));
    const errors: FieldError[] = [];
    const inputs = rows.map((row, index) => {
      if (typeof row !== 'object' || row === null || Array.isArray(row)) {
        errors.push({ field: `rows.${index}`, message: 'must be an object' });
        return new CustomerInputDto();
      }
      const input = plainToInstance(CustomerInputDto, row);
      errors.push(
        ...flattenValidationErrors(
          validateSync(input, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true }),
          `rows.${index}`,
        ),
      );
      return input;
    });
    if (errors.length)
      throw DomainException.validation(
        errors.slice(0, MAX_LISTED_ERRORS),
        'Some rows have the wrong shape; nothing was imported',
      );
    return summarise(await this.customers.importCustomers(inputs));
  }

  async importCustomersCsv(body: unknown, mappingName?: string): Promise<ImportResultDto> {
    const text = csvText(body, 'The file is not valid UTF-8; save it as UTF-8 and send it again');
    const parsed = parseCsv(text, MAX_IMPORT_ROWS);
    if (!parsed.ok) throw DomainException.validation(parsed.errors, parsed.detail);
    const mapping =
      mappingName === undefined
        ? { name: 'customers', ...OWN_COLUMNS }
        : await this.mappings.resolve(mappingName, ImportMappingTarget.CUSTOMERS);
    const planned = planMapping(mapping, parsed.header, mapping.name);
    if (!planned.ok) {
      const own = Object.keys(OWN_COLUMNS.columns).join(', ');
      const errors =
        mappingName === undefined
          ? planned.errors.map((error) =>
              error.message.startsWith('is not a column')
                ? { ...error, message: `is not a known column (${own})` }
                : { ...error, message: 'is a required column and is missing' },
            )
          : planned.errors;
      throw DomainException.validation(errors, 'The CSV header is wrong');
    }
    return this.importMapped(planned.plan, parsed.rows);
  }

  /**
   * Rows as cells under a plan: each translated, checked as a customer row (400 naming the source column
   * of any failing cell, nothing written), then imported; per-row results name the source column too.
   */
  private async importMapped(plan: MappingPlan, cells: string[][]): Promise<ImportResultDto> {
    if (cells.length === 0)
      throw DomainException.validation([{ field: 'rows', message: 'the file has no data rows' }]);
    const rows = cells.map((line) => plainToInstance(CustomerInputDto, mapRow(plan, line)));
    const errors: FieldError[] = [];
    rows.forEach((row, index) => {
      for (const error of flattenValidationErrors(validateSync(row)))
        if (errors.length < MAX_LISTED_ERRORS)
          errors.push({ field: toSourceField(plan, `rows.${index}.${error.field}`), message: error.message });
    });
    if (errors.length)
      throw DomainException.validation(errors, 'Some cells have the wrong format; nothing was imported');
    const results = await this.customers.importCustomers(rows);
    return summarise(
      results.map((result) =>
        result.field
          ? {
              ...result,
              field: toSourceField(plan, result.field),
              reason: toSourceField(plan, result.reason ?? ''),
            }
          : result,
      ),
    );
  }
}
