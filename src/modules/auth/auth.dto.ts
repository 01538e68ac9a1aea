import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { Principal, Role } from '../../common/auth/role';

export const GRANT_TYPES = ['password', 'client_credentials'] as const;
export type GrantType = (typeof GRANT_TYPES)[number];

/** OAuth 2.0 style token request (RFC 6749 §4.3 and §4.4), as JSON. */
export class TokenRequestDto {
  @ApiProperty({ enum: GRANT_TYPES, example: 'password' })
  @IsIn(GRANT_TYPES)
  grant_type!: GrantType;

  @ApiPropertyOptional({ description: 'Email of the user (grant_type=password)', example: 'admin@osm.demo' })
  @ValidateIf((body: TokenRequestDto) => body.grant_type === 'password')
  @IsString()
  @MinLength(1)
  @MaxLength(254)
  username?: string;

  @ApiPropertyOptional({ description: 'grant_type=password', example: 'demo-admin-password' })
  @ValidateIf((body: TokenRequestDto) => body.grant_type === 'password')
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  password?: string;

  @ApiPropertyOptional({ description: 'grant_type=client_credentials', example: 'osm_erp_7f3a9c' })
  @ValidateIf((body: TokenRequestDto) => body.grant_type === 'client_credentials')
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  client_id?: string;

  @ApiPropertyOptional({ description: 'grant_type=client_credentials', example: 's3cr3t…' })
  @ValidateIf((body: TokenRequestDto) => body.grant_type === 'client_credentials')
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  client_secret?: string;
}

export class TokenResponseDto {
  @ApiProperty({ example: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9…' })
  access_token!: string;

  @ApiProperty({ enum: ['Bearer'], example: 'Bearer' })
  token_type!: 'Bearer';

  @ApiProperty({ description: 'Seconds until the token expires', example: 3600 })
  expires_in!: number;
}

export class PrincipalDto {
  @ApiProperty({ format: 'uuid' })
  subjectId!: string;

  @ApiProperty({ enum: ['user', 'api_client'] })
  kind!: 'user' | 'api_client';

  @ApiProperty({ enum: Role, enumName: 'Role' })
  role!: Role;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  vendorId!: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  repId!: string | null;

  @ApiProperty({ example: 'Ada Admin' })
  name!: string;
}

export const mapPrincipal = (principal: Principal): PrincipalDto => ({ ...principal });
