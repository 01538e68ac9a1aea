import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class FieldErrorDto {
  @ApiProperty({ example: 'email' })
  field!: string;

  @ApiProperty({ example: 'email must be an email' })
  message!: string;
}

/** RFC 9457 problem details: the body of every error response. */
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
}
