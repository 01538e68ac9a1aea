import { Injectable } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { DomainException, FieldError } from '../../../common/errors/domain.exception';
import { NonUtf8Body } from '../../../common/http/csv-body';
import { flattenValidationErrors } from '../../../common/errors/validation';
import {
  IMPORT_FIELDS,
  ImportMappingRules,
  ImportMappingTarget,
  mapRow,
  planMapping,
  toSourceField,
} from '../intake/import-mapping.rules';
import { ImportMappingsService } from '../intake/import-mappings.service';
import { MAX_IMPORT_ROWS, ImportResultDto, summarise } from '../intake/lead-imports.dto';
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

/** ERP customer files as CSV, in OSM's columns or another system's through a saved mapping. */
@Injectable()
export class CustomerCsvImportsService {
  constructor(
    private readonly customers: CustomersService,
    private readonly mappings: ImportMappingsService,
  ) {}

  async importCustomersCsv(body: unknown, mappingName?: string): Promise<ImportResultDto> {
    if (body instanceof NonUtf8Body)
      throw DomainException.validation(
        [{ field: 'body', message: 'is not UTF-8 encoded text' }],
        'The file is not valid UTF-8; save it as UTF-8 and send it again',
      );
    if (typeof body !== 'string')
      throw DomainException.validation([{ field: 'body', message: 'must be a text/csv file' }]);
    const parsed = parseCsv(body, MAX_IMPORT_ROWS);
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
    const { plan } = planned;
    if (parsed.rows.length === 0)
      throw DomainException.validation([{ field: 'rows', message: 'the file has no data rows' }]);

    const rows = parsed.rows.map((cells) => plainToInstance(CustomerInputDto, mapRow(plan, cells)));
    const errors: FieldError[] = [];
    rows.forEach((row, index) => {
      for (const error of flattenValidationErrors(validateSync(row)))
        if (errors.length < 100)
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
