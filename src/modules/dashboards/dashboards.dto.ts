import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches } from 'class-validator';
import { UuidField, EnumField } from '../../common/validation/fields';

export enum DashboardPage {
  COMPANY = 'company',
  VENDOR = 'vendor',
}

/** A dashboard shows a month, a quarter or a year. */
export const DASHBOARD_PERIOD_PATTERN = /^\d{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?$/;
/** How long a dashboard link opens its page: long enough to click it, too short to be worth leaking. */
export const DASHBOARD_LINK_TTL_SECONDS = 600;

export class CreateDashboardLinkDto {
  @EnumField(DashboardPage, {
    enumName: 'DashboardPage',
    example: DashboardPage.VENDOR,
    description: 'company: admins and sales managers; vendor: they too, and the vendor’s own manager',
  })
  page!: DashboardPage;

  @UuidField({ optional: true, description: 'The vendor of a vendor scorecard (required for it)' })
  vendorId?: string;

  @ApiPropertyOptional({
    example: '2026-07',
    description: 'A month, quarter or year key; default the current month (vendor) or quarter (company), UTC',
  })
  @IsOptional()
  @IsString()
  @Matches(DASHBOARD_PERIOD_PATTERN, { message: 'must be a month (2026-07), quarter (2026-Q3) or year key' })
  period?: string;
}

export class DashboardLinkDto {
  @ApiProperty({
    example: '/api/v1/reports/dashboards/vendor?link=eyJhbGciOi…',
    description: 'Path of the page, with a signed link that opens it for the caller',
  })
  url!: string;

  @ApiProperty({
    format: 'date-time',
    description: `The link stops working ${DASHBOARD_LINK_TTL_SECONDS} s after it was made`,
  })
  expiresAt!: string;
}

export class DashboardPageQuery {
  @ApiProperty({ description: 'The signed link from POST /reports/dashboard-links' })
  @IsString()
  link!: string;
}
