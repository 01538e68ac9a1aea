import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Post, Put } from '@nestjs/common';
import { ApiParam, ApiTags } from '@nestjs/swagger';
import { Auth, CurrentPrincipal } from '../../../common/auth/auth.decorators';
import { type Principal, Role } from '../../../common/auth/role';
import { ErrorCode } from '../../../common/errors/error-codes';
import { IfMatch } from '../../../common/http/etag';
import { ApiIfMatch } from '../../../common/openapi/api-if-match.decorator';
import { Idempotent } from '../../../common/idempotency/idempotency.interceptor';
import { Endpoint } from '../../../common/openapi/endpoint.decorator';
import {
  ImportMappingDto,
  ImportMappingInputDto,
  ImportMappingListDto,
  ReplaceImportMappingDto,
} from './import-mappings.dto';
import { ImportMappingsService } from './import-mappings.service';

const NAME = ApiParam({ name: 'name', example: 'salesforce-lead' });

const RULES =
  'A mapping translates the export of another system into OSM import rows: `columns` names the OSM field ' +
  'each source column fills, `values` translates enum-like values per source column, and ' +
  '`ignoreUnknownColumns` skips the columns it does not name (otherwise they refuse the file). A column ' +
  'mapped to a field OSM does not have, a value map of an unmapped column, or no column for a required ' +
  'field (leads: companyName; customers: erpCustomerId and name) is 422 IMPORT_MAPPING_INVALID naming it.';

@ApiTags('import mappings')
@Controller('import-mappings')
@Auth(Role.ADMIN, Role.SALES_MANAGER)
export class ImportMappingsController {
  constructor(private readonly mappings: ImportMappingsService) {}

  @Get()
  @Auth(Role.ADMIN, Role.SALES_MANAGER, Role.VENDOR_MANAGER, Role.INTEGRATION)
  @Endpoint({
    summary: 'List the import mappings: the shipped presets, then the saved ones',
    description:
      'Admins, sales managers, vendor managers and integration clients. ' +
      `${RULES} Presets (salesforce-lead, odoo-crm-lead, hubspot-contacts) have \`preset: true\`.`,
    ok: ImportMappingListDto,
  })
  async listImportMappings(): Promise<ImportMappingListDto> {
    return { data: await this.mappings.listMappings() };
  }

  @Get(':name')
  @Auth(Role.ADMIN, Role.SALES_MANAGER, Role.VENDOR_MANAGER, Role.INTEGRATION)
  @NAME
  @Endpoint({
    summary: 'Get an import mapping (saved or preset) by name',
    description:
      'Admins, sales managers, vendor managers and integration clients. A saved mapping answers with its ' +
      'version as the ETag; a preset has `preset: true` and no version. An unknown name is 404.',
    ok: ImportMappingDto,
    problems: [404],
  })
  getImportMapping(@Param('name') name: string): Promise<ImportMappingDto> {
    return this.mappings.getMapping(name);
  }

  @Post()
  @Idempotent()
  @Endpoint({
    summary: 'Save an import mapping (admin, sales manager)',
    description: `${RULES} A name already saved or taken by a preset is 409 IMPORT_MAPPING_NAME_TAKEN.`,
    created: ImportMappingDto,
    problems: [400, ErrorCode.IMPORT_MAPPING_NAME_TAKEN, ErrorCode.IMPORT_MAPPING_INVALID],
  })
  createImportMapping(
    @Body() body: ImportMappingInputDto,
    @CurrentPrincipal() actor: Principal,
  ): Promise<ImportMappingDto> {
    return this.mappings.createMapping(body, actor);
  }

  @Put(':name')
  @NAME
  @ApiIfMatch()
  @Endpoint({
    summary: 'Replace a saved import mapping (admin, sales manager)',
    description:
      `${RULES} The name stays; If-Match with a stale ETag is 412. Presets are read-only ` +
      '(409 IMPORT_MAPPING_READ_ONLY).',
    ok: ImportMappingDto,
    problems: [400, 404, 412, ErrorCode.IMPORT_MAPPING_READ_ONLY, ErrorCode.IMPORT_MAPPING_INVALID],
  })
  replaceImportMapping(
    @Param('name') name: string,
    @Body() body: ReplaceImportMappingDto,
    @IfMatch() ifMatch: number | undefined,
  ): Promise<ImportMappingDto> {
    return this.mappings.replaceMapping(name, body, ifMatch);
  }

  @Delete(':name')
  @HttpCode(HttpStatus.NO_CONTENT)
  @NAME
  @ApiIfMatch()
  @Endpoint({
    summary: 'Delete a saved import mapping (admin, sales manager)',
    description:
      'Imports naming it are refused afterwards (400 naming `mapping`); leads it brought in stay. If-Match ' +
      'with a stale ETag is 412; presets are read-only (409 IMPORT_MAPPING_READ_ONLY).',
    noContent: 'Deleted',
    problems: [400, 404, 412, ErrorCode.IMPORT_MAPPING_READ_ONLY],
  })
  async deleteImportMapping(
    @Param('name') name: string,
    @IfMatch() ifMatch: number | undefined,
  ): Promise<void> {
    await this.mappings.deleteMapping(name, ifMatch);
  }
}
