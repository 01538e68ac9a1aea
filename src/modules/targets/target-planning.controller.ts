import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import { Auth, CurrentPrincipal } from '../../common/auth/auth.decorators';
import { type Principal, Role } from '../../common/auth/role';
import { Idempotent } from '../../common/idempotency/idempotency.interceptor';
import {
  ACTUAL_CSV_COLUMNS,
  ImportActualsDto,
  ImportActualsResultDto,
  MAX_ACTUAL_IMPORT_ROWS,
} from './actual-imports.dto';
import { ActualImportsService } from './actual-imports.service';
import {
  CreateDistributionProfileDto,
  DecomposeTargetDto,
  DecompositionResultDto,
  DistributionProfileDto,
  DistributionProfileListDto,
  mapProfile,
} from './decomposition.dto';
import { DecompositionService } from './decomposition.service';
import { UuidParam } from '../../common/openapi/uuid-param.decorator';
import { Endpoint } from '../../common/openapi/endpoint.decorator';

const IMPORT_RULES =
  'All or nothing: a bad row (wrong field, an owner node that is unknown or outside your scope → 422 ' +
  'TARGET_ACTUAL_NODE_UNKNOWN) refuses the whole file, naming `rows.N.field`, and nothing is written. ' +
  'Idempotent: a row replaces the one with the same metric, period, owner and dimensions; the same file sent ' +
  'again reports every row `unchanged`. market_size rows belong to the company node, per region × industry.';

@ApiTags('targets')
@Controller()
@Auth()
export class TargetPlanningController {
  constructor(
    private readonly decomposition: DecompositionService,
    private readonly imports: ActualImportsService,
  ) {}

  @Post('targets/:id/decompositions')
  @Auth(Role.ADMIN, Role.SALES_MANAGER, Role.VENDOR_MANAGER)
  @HttpCode(200)
  @Endpoint({
    summary: 'Split a target into children in one call, previewed or saved',
    description:
      'One step, or two (the second splits every child of the first: months, then each month to vendors). ' +
      'Methods: even, weights, profile (a named percent-per-month profile), prior_year_share, rep_grade, ' +
      'rep_capacity, rep_history. Additive values are spread by largest remainder, so children add up to the ' +
      'parent exactly, per tier; a rate is kept on every child. `preview` runs every check and writes nothing; ' +
      '`save` writes both steps in one transaction. Weights summing to 0 are 422 TARGET_WEIGHTS_SUM_TO_ZERO; a ' +
      'target that already has children is 409 TARGET_HAS_CHILDREN.',
    ok: DecompositionResultDto,
    problems: [400, 403, 404, 409, 422],
  })
  decomposeTarget(
    @UuidParam('id') id: string,
    @Body() body: DecomposeTargetDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<DecompositionResultDto> {
    return this.decomposition.decompose(id, body, principal);
  }

  @Post('target-profiles')
  @Auth(Role.ADMIN, Role.SALES_MANAGER)
  @Endpoint({
    summary: 'Create a named distribution profile (percent per month)',
    description:
      'Twelve shares in hundredths of a percent that add up to 100 % (else 422 TARGET_PROFILE_NOT_100).',
    created: DistributionProfileDto,
    problems: [400, 409, 422],
  })
  async createDistributionProfile(
    @Body() body: CreateDistributionProfileDto,
  ): Promise<DistributionProfileDto> {
    return mapProfile(await this.decomposition.createProfile(body));
  }

  @Get('target-profiles')
  @Endpoint({
    summary: 'List the distribution profiles',
    description:
      'Any signed-in role. Lists the named distribution profiles (percent of a yearly target per ' +
      'month) that decompositions can use to split a target over months.',
    ok: DistributionProfileListDto,
  })
  async listDistributionProfiles(): Promise<DistributionProfileListDto> {
    return { data: (await this.decomposition.listProfiles()).map(mapProfile), nextCursor: null };
  }

  @Post('target-actuals/imports')
  @Idempotent()
  @HttpCode(200)
  @Auth(Role.ADMIN, Role.SALES_MANAGER, Role.INTEGRATION)
  @Endpoint({
    summary: `Import up to ${MAX_ACTUAL_IMPORT_ROWS} actuals (prior years, market size, expenses)`,
    description: IMPORT_RULES,
    ok: ImportActualsResultDto,
    problems: [400, 422],
  })
  importTargetActuals(
    @Body() body: ImportActualsDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ImportActualsResultDto> {
    return this.imports.importRows(body.rows, principal);
  }

  @Post('target-actuals/imports/csv')
  @Idempotent()
  @HttpCode(200)
  @Auth(Role.ADMIN, Role.SALES_MANAGER, Role.INTEGRATION)
  @Endpoint({
    summary: 'Import actuals from a CSV file',
    description: `Content-Type: text/csv, UTF-8, header line; columns ${ACTUAL_CSV_COLUMNS.join(', ')}. ${IMPORT_RULES}`,
    ok: ImportActualsResultDto,
    problems: [400, 415, 422],
  })
  @ApiConsumes('text/csv')
  @ApiBody({
    schema: {
      type: 'string',
      example: 'metric,periodKey,ownerKind,ownerId,value,currency\nrevenue,2025-03,company,,125000000,CNY\n',
    },
  })
  importTargetActualsCsv(
    @Body() body: unknown,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ImportActualsResultDto> {
    return this.imports.importCsv(body, principal);
  }
}
