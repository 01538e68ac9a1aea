import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class FieldErrorDto {
  @ApiProperty({ example: 'email' })
  field!: string;

  @ApiProperty({ example: 'email must be an email' })
  message!: string;
}

/**
 * RFC 9457 problem details: the body of every error response. Some codes add extension members (listed
 * below when more than one operation sends them); a client must ignore members it does not know.
 */
export class ProblemDto {
  @ApiProperty({ example: 'https://osm.example.com/problems/validation-failed' })
  type!: string;

  @ApiProperty({ example: 'Bad request' })
  title!: string;

  @ApiProperty({ example: 400 })
  status!: number;

  @ApiProperty({ example: 'The request has invalid fields' })
  detail!: string;

  @ApiProperty({ description: 'Stable machine-readable error code', example: 'VALIDATION_FAILED' })
  code!: string;

  @ApiPropertyOptional({ example: '/api/v1/users' })
  instance?: string;

  @ApiPropertyOptional({ description: 'Also sent as the X-Request-Id header', example: 'b3c1e1f0-…' })
  requestId?: string;

  @ApiPropertyOptional({ type: [FieldErrorDto] })
  errors?: FieldErrorDto[];

  @ApiPropertyOptional({
    description: 'VERSION_MISMATCH (412): the current version of the object; send it in If-Match',
    example: 3,
    type: 'integer',
  })
  currentVersion?: number;

  @ApiPropertyOptional({
    description: 'TOO_MANY_LOGIN_FAILURES, SURVEY_RATE_LIMITED (429), SERVICE_UNAVAILABLE (503): also sent as Retry-After',
    example: 5,
    type: 'integer',
  })
  retryAfterSeconds?: number;

  @ApiPropertyOptional({
    description: 'LEAD_DUPLICATE and other duplicate refusals (409): the key the existing record matched on',
    example: 'email',
  })
  matchedOn?: string;

  @ApiPropertyOptional({
    description: 'LEAD_DUPLICATE (409): the existing lead, when the caller may see it',
    format: 'uuid',
  })
  duplicateOfLeadId?: string;

  @ApiPropertyOptional({
    description: 'NAMED_ACCOUNT_DUPLICATE (409): the existing named account',
    format: 'uuid',
  })
  duplicateOfNamedAccountId?: string;
}
