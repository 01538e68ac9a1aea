import { Body, Controller, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Auth, Scope } from '../../common/auth/auth.decorators';
import type { DataScope } from '../../common/auth/data-scope';
import { Role } from '../../common/auth/role';
import { CreateCsatResponseDto, CsatResponseDto, mapCsatResponse } from './csat.dto';
import { CsatService } from './csat.service';
import { Endpoint } from '../../common/openapi/endpoint.decorator';

@ApiTags('customer feedback')
@Controller('csat-responses')
export class CsatController {
  constructor(private readonly csat: CsatService) {}

  @Post()
  @Auth(Role.ADMIN, Role.SALES_MANAGER, Role.INTEGRATION)
  @Endpoint({
    summary: 'Record a customer’s satisfaction answer (posted by the ERP)',
    description:
      'A rating from 1 to 5 and an optional comment about a contract or a visit, for the rep who served ' +
      'the customer. A rating outside 1–5 is 400 and nothing is written; a rep outside the caller’s scope ' +
      'is 404. The average rating is the csat KPI of the rep’s and their vendor’s scorecards.',
    created: CsatResponseDto,
    problems: [400, 404],
  })
  async createCsatResponse(
    @Body() body: CreateCsatResponseDto,
    @Scope() scope: DataScope,
  ): Promise<CsatResponseDto> {
    return mapCsatResponse(await this.csat.createCsatResponse(body, scope));
  }
}
