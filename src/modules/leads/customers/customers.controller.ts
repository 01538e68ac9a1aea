import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiExtraModels, ApiTags } from '@nestjs/swagger';
import { Auth, CurrentPrincipal, Scope } from '../../../common/auth/auth.decorators';
import type { DataScope } from '../../../common/auth/data-scope';
import { ALL_ROLES, type Principal, Role } from '../../../common/auth/role';
import { DomainException } from '../../../common/errors/domain.exception';
import { Idempotent } from '../../../common/idempotency/idempotency.interceptor';
import { Page, mapPage } from '../../../common/pagination/pagination';
import {
  CustomerDto,
  CustomerInputDto,
  CustomerPage,
  ImportCustomersDto,
  ListCustomersQuery,
  mapCustomer,
} from './customers.dto';
import { ImportResultDto, MAX_IMPORT_ROWS } from '../intake/lead-imports.dto';
import { ImportMappingQuery } from '../intake/import-mappings.dto';
import { CustomerImportsService } from './customer-imports.service';
import { CustomersService } from './customers.service';
import { ContactReadsRecorder } from '../personal-data/contact-reads';
import { Endpoint } from '../../../common/openapi/endpoint.decorator';
import { IMPORT_MAPPING_PRESETS } from '../intake/import-mapping-presets';
import { ImportMappingTarget } from '../intake/import-mapping.rules';

const CUSTOMER_PRESETS = IMPORT_MAPPING_PRESETS.filter(
  (preset) => preset.target === ImportMappingTarget.CUSTOMERS,
).map((preset) => preset.name);

const CUSTOMER_MAPPING_RULE =
  `With \`mapping\` (a saved import mapping whose target is customers, or a preset: ${CUSTOMER_PRESETS.join(', ')}) ` +
  'the rows are in the other system’s own columns and values (JSON: objects of text, number or boolean values ' +
  'keyed by its column names); the mapping translates them and the same checks, dedupe and all-or-nothing ' +
  'rules apply. Errors and results then name the source column (`rows.2.Account Name`, `field: Phone`), and ' +
  'rows or a header the mapping does not fit (an unknown column where the mapping does not ignore them, the ' +
  'id or name column missing) are refused whole with 400 naming `header.<column>`.';

@ApiTags('customers')
@Controller('customers')
export class CustomersController {
  constructor(
    private readonly customers: CustomersService,
    private readonly contactReads: ContactReadsRecorder,
    private readonly imports: CustomerImportsService,
  ) {}

  @Post('imports')
  @Idempotent()
  @HttpCode(200)
  @Auth(Role.ADMIN, Role.SALES_MANAGER, Role.INTEGRATION)
  @ApiExtraModels(CustomerInputDto)
  @Endpoint({
    summary: `Import up to ${MAX_IMPORT_ROWS} ERP customers from JSON rows, with a result per row`,
    description:
      'Rows matching an existing customer (or an earlier row) on ERP id, tax id, normalised name, phone or ' +
      'email are duplicates; rows with a bad tax id, phone or email are rejected. Company-wide callers only. ' +
      'A request with rows of the wrong shape is refused whole with 400 naming rows.N.field, and nothing is ' +
      `written. ${CUSTOMER_MAPPING_RULE}`,
    ok: ImportResultDto,
    problems: [400],
  })
  async importCustomers(
    @Body() body: ImportCustomersDto,
    @Query() query: ImportMappingQuery,
    @Scope() scope: DataScope,
  ): Promise<ImportResultDto> {
    if (!scope.isCompanyWide) throw DomainException.forbidden('Customers are imported company-wide');
    return this.imports.importCustomerRows(body.rows, query.mapping);
  }

  @Post('imports/csv')
  @Idempotent()
  @HttpCode(200)
  @Auth(Role.ADMIN, Role.SALES_MANAGER, Role.INTEGRATION)
  @Endpoint({
    summary: `Import up to ${MAX_IMPORT_ROWS} ERP customers from a CSV file, with a result per row`,
    description:
      'Admins, sales managers and integration clients, company-wide only. Send the file itself as the body ' +
      'with `Content-Type: text/csv` (UTF-8, RFC 4180, first line a header). Without `mapping` the columns ' +
      'are the JSON row fields (erpCustomerId, name, taxId, phone, email, regionCode). A file that is not ' +
      'UTF-8, has an unknown or missing column or a cell of the wrong form is refused whole with 400 naming ' +
      `the row and column. The rows then go as in POST /customers/imports. ${CUSTOMER_MAPPING_RULE}`,
    ok: ImportResultDto,
    problems: [400, 415],
  })
  @ApiConsumes('text/csv')
  @ApiBody({
    schema: {
      type: 'string',
      example: 'erpCustomerId,name,taxId\nK-100234,美的集团股份有限公司,91440606722473344C\n',
    },
  })
  async importCustomersCsv(
    @Body() body: unknown,
    @Query() query: ImportMappingQuery,
    @Scope() scope: DataScope,
  ): Promise<ImportResultDto> {
    if (!scope.isCompanyWide) throw DomainException.forbidden('Customers are imported company-wide');
    return this.imports.importCustomersCsv(body, query.mapping);
  }

  @Get()
  @Auth(...ALL_ROLES)
  @Endpoint({
    summary: 'List customers in the caller’s scope, oldest first',
    description:
      'Any signed-in role, within its scope (a vendor manager or rep: customers of their vendor’s ' +
      'or their own contracts and leads). Oldest first with cursor pagination; filter by vendor or ' +
      '`updatedSince` (for ERP sync). Reading the page’s phone numbers and emails is written to ' +
      'the audit log, with the `purpose` the caller states.',
    ok: CustomerPage,
    problems: [400],
  })
  async listCustomers(
    @Query() query: ListCustomersQuery,
    @Scope() scope: DataScope,
    @CurrentPrincipal() principal: Principal,
  ): Promise<Page<CustomerDto>> {
    const page = await this.customers.listCustomers(query, scope);
    await this.contactReads.recordCustomers(page.data, principal, query.purpose);
    return mapPage(page, mapCustomer);
  }

  // GET /customers/{id} is the account view: CustomerAccountsController (contracts module), which
  // composes contracts, revenue and call reports on top of this module's customer.
}
