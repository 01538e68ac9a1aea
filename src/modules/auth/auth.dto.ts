import { ApiProperty, getSchemaPath } from '@nestjs/swagger';
import { IsIn, IsString, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { Principal, Role } from '../../common/auth/role';

export const GRANT_TYPES = ['password', 'client_credentials'] as const;
export type GrantType = (typeof GRANT_TYPES)[number];

/** The password grant (RFC 6749 §4.3): a user signs in with email and password. */
export class PasswordGrantDto {
  @ApiProperty({ enum: ['password'], example: 'password' })
  grant_type!: 'password';

  @ApiProperty({ description: 'Email of the user', example: 'admin@osm.demo', minLength: 1, maxLength: 254 })
  username!: string;

  @ApiProperty({ example: 'demo-admin-password', minLength: 1, maxLength: 200 })
  password!: string;
}

/** The client credentials grant (RFC 6749 §4.4): an integration client (ERP/CRM) signs in. */
export class ClientCredentialsGrantDto {
  @ApiProperty({ enum: ['client_credentials'], example: 'client_credentials' })
  grant_type!: 'client_credentials';

  @ApiProperty({ example: 'osm_erp_7f3a9c', minLength: 1, maxLength: 64 })
  client_id!: string;

  @ApiProperty({ example: 's3cr3t…', minLength: 1, maxLength: 200 })
  client_secret!: string;
}

/**
 * The token request as the server validates it: one body, with the fields its grant type requires
 * (a password grant without password, or client credentials without client_secret, is 400 naming the
 * field). The contract documents it as one schema per grant (see `TOKEN_REQUEST_SCHEMA`).
 */
export class TokenRequestDto {
  @IsIn(GRANT_TYPES)
  grant_type!: GrantType;

  @ValidateIf((body: TokenRequestDto) => body.grant_type === 'password')
  @IsString()
  @MinLength(1)
  @MaxLength(254)
  username?: string;

  @ValidateIf((body: TokenRequestDto) => body.grant_type === 'password')
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  password?: string;

  @ValidateIf((body: TokenRequestDto) => body.grant_type === 'client_credentials')
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  client_id?: string;

  @ValidateIf((body: TokenRequestDto) => body.grant_type === 'client_credentials')
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  client_secret?: string;
}

/** One schema per grant type, told apart by `grant_type`. */
export const TOKEN_REQUEST_SCHEMA = {
  oneOf: [{ $ref: getSchemaPath(PasswordGrantDto) }, { $ref: getSchemaPath(ClientCredentialsGrantDto) }],
  discriminator: {
    propertyName: 'grant_type',
    mapping: {
      password: getSchemaPath(PasswordGrantDto),
      client_credentials: getSchemaPath(ClientCredentialsGrantDto),
    },
  },
};

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
