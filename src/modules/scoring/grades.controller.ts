import { Body, Controller, Delete, Get, Param, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Auth, CurrentPrincipal, Scope } from '../../common/auth/auth.decorators';
import type { DataScope } from '../../common/auth/data-scope';
import { ALL_ROLES, type Principal, Role } from '../../common/auth/role';
import { ErrorCode } from '../../common/errors/error-codes';
import { todayUtc } from '../../common/validation/validation-helpers';
import { GradeOverrideDto, GradeSubjectParams, mapSubjectGrade, SubjectGradeDto } from './grades.dto';
import { GradesService } from './grades.service';
import { Endpoint } from '../../common/openapi/endpoint.decorator';

@ApiTags('scoring')
@Controller('grades')
export class GradesController {
  constructor(private readonly grades: GradesService) {}

  @Get(':subject/:subjectId')
  @Auth(...ALL_ROLES)
  @Endpoint({
    summary: 'A rep’s grade or a vendor’s tier: in force, earned, override and history',
    description:
      'Grades are earned from closed months’ scores with hysteresis: a move needs 3 points past the ' +
      'boundary, or the same band two months in a row. A rep sees their own, a vendor manager their ' +
      'vendor’s and its reps’; others are 404.',
    ok: SubjectGradeDto,
    problems: [400, 404],
  })
  async getGrade(@Param() params: GradeSubjectParams, @Scope() scope: DataScope): Promise<SubjectGradeDto> {
    return mapSubjectGrade(await this.grades.getGrade(params.subject, params.subjectId, scope));
  }

  @Put(':subject/:subjectId/override')
  @Auth(Role.ADMIN, Role.SALES_MANAGER)
  @Endpoint({
    summary: 'Override a rep’s grade or a vendor’s tier until an expiry day',
    description:
      'Needs a reason and an expiry day after today (else 422 GRADE_OVERRIDE_INVALID, nothing written). ' +
      'The grade in force changes at once (the rep’s grade, the vendor’s tier, routing weights, and the ' +
      '`rep.grade_changed` / `vendor.tier_changed` webhooks); from the day after expiresOn the earned ' +
      'grade applies again. Audited.',
    ok: SubjectGradeDto,
    problems: [400, 404, ErrorCode.GRADE_OVERRIDE_INVALID],
  })
  async setGradeOverride(
    @Param() params: GradeSubjectParams,
    @Body() body: GradeOverrideDto,
    @CurrentPrincipal() actor: Principal,
  ): Promise<SubjectGradeDto> {
    return mapSubjectGrade(
      await this.grades.setGradeOverride(params.subject, params.subjectId, body, actor, todayUtc()),
    );
  }

  @Delete(':subject/:subjectId/override')
  @Auth(Role.ADMIN, Role.SALES_MANAGER)
  @Endpoint({
    summary: 'End an override now: the earned grade applies again. Audited.',
    description:
      'Admins and sales managers. Ends the override of a rep’s grade or a vendor’s tier now, so ' +
      'the earned grade applies again, and answers the grade in force. Audited. 404 when there is ' +
      'no override in force.',
    ok: SubjectGradeDto,
    problems: [400, 404],
  })
  async clearGradeOverride(
    @Param() params: GradeSubjectParams,
    @CurrentPrincipal() actor: Principal,
  ): Promise<SubjectGradeDto> {
    return mapSubjectGrade(await this.grades.clearGradeOverride(params.subject, params.subjectId, actor));
  }
}
