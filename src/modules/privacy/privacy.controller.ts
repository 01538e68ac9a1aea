import { Body, Controller, Get, HttpCode, Post, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Auth, CurrentPrincipal } from '../../common/auth/auth.decorators';
import { type Principal, Role } from '../../common/auth/role';
import { ErrorCode } from '../../common/errors/error-codes';
import { IfMatch } from '../../common/http/etag';
import { Idempotent } from '../../common/idempotency/idempotency.interceptor';
import { ApiIfMatch } from '../../common/openapi/api-if-match.decorator';
import {
  DataSubjectErasureDto,
  DataSubjectExportDto,
  DataSubjectQueryDto,
  PrivacySettingsDto,
  UpdatePrivacySettingsDto,
} from './privacy.dto';
import { PrivacyService } from './privacy.service';
import { Endpoint } from '../../common/openapi/endpoint.decorator';

const FINDING =
  'The person is named by email and/or phone (in the body, so it stays out of URLs and logs), matched as ' +
  'intake stores them: against lead contacts and customers’ contact phone and email.';

@ApiTags('privacy')
@Controller('privacy')
@Auth(Role.ADMIN)
export class PrivacyController {
  constructor(private readonly privacy: PrivacyService) {}

  @Post('data-subject-requests/export')
  @HttpCode(200)
  @Endpoint({
    summary: 'Export everything held about a contact person (admin)',
    description:
      `${FINDING} Answers their contact rows, their leads (and leads merged into them), matching ` +
      'customers, the leads’ history and call reports, and who read their contact details when and why. ' +
      'Nobody found: 404 DATA_SUBJECT_NOT_FOUND. The export is recorded in the audit log (contacts_exported).',
    ok: DataSubjectExportDto,
    problems: [400, ErrorCode.DATA_SUBJECT_NOT_FOUND],
  })
  exportDataSubject(
    @Body() body: DataSubjectQueryDto,
    @CurrentPrincipal() actor: Principal,
  ): Promise<DataSubjectExportDto> {
    return this.privacy.exportDataSubject(body, actor);
  }

  @Post('data-subject-requests/erase')
  @HttpCode(200)
  @Idempotent()
  @Endpoint({
    summary: 'Erase a contact person’s personal data, keeping the statistical record (admin)',
    description:
      `${FINDING} In one transaction: their contact rows (name → \`[erased]\`, phone, email and title ` +
      'cleared), the free texts of their leads (needs, referrer, key-lead, lost and reject reasons), of those ' +
      'leads’ history and of call reports on them (→ `[erased]`), and customers’ matching phone/email. Lead ' +
      'rows, statuses, grades, amounts, dates and counts stay. Recorded in the audit log ' +
      '(personal_data_erased); webhooks get `lead.personal_data_erased` with ids only. Idempotent: a repeat ' +
      'finds nothing left and answers zero counts.',
    ok: DataSubjectErasureDto,
    problems: [400],
  })
  eraseDataSubject(
    @Body() body: DataSubjectQueryDto,
    @CurrentPrincipal() actor: Principal,
  ): Promise<DataSubjectErasureDto> {
    return this.privacy.eraseDataSubject(body, actor);
  }

  @Get('settings')
  @Endpoint({
    summary: 'The personal-data settings (admin)',
    description: 'contactRetentionMonths null (the default): contact data of closed leads is kept.',
    ok: PrivacySettingsDto,
  })
  getPrivacySettings(): Promise<PrivacySettingsDto> {
    return this.privacy.getPrivacySettings();
  }

  @Put('settings')
  @ApiIfMatch()
  @Endpoint({
    summary: 'Set the contact retention (admin)',
    description:
      'Months (1–600) a closed lead (won, lost, rejected) keeps its contact data; then the daily ' +
      'contact_retention check clears it as an erasure would. null: kept. Stale If-Match: 412. Audited.',
    ok: PrivacySettingsDto,
    problems: [400, 412],
  })
  updatePrivacySettings(
    @Body() body: UpdatePrivacySettingsDto,
    @CurrentPrincipal() actor: Principal,
    @IfMatch() ifMatch: number | undefined,
  ): Promise<PrivacySettingsDto> {
    return this.privacy.updatePrivacySettings(body.contactRetentionMonths, ifMatch, actor);
  }
}
