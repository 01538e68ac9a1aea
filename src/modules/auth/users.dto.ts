import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, MaxLength } from 'class-validator';
import { Role } from '../../common/auth/role';
import { PageOf, PageQuery } from '../../common/pagination/pagination';
import { ApiClient } from './api-client.entity';
import { User } from './user.entity';
import { UuidField, TextField, EnumField, BooleanField } from '../../common/validation/fields';

const trimLower = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim().toLowerCase() : value;

export class CreateUserDto {
  @ApiProperty({ example: 'zhang.wei@vendor-a.cn', maxLength: 254 })
  @Transform(trimLower)
  @IsEmail()
  @MaxLength(254)
  email!: string;

  @TextField({ example: 'Zhang Wei', minLength: 1, maxLength: 200 })
  displayName!: string;

  @TextField({
    description: 'At least 12 characters',
    example: 'correct-horse-battery',
    minLength: 12,
    maxLength: 200,
  })
  password!: string;

  @EnumField(Role, { enumName: 'Role', example: Role.VENDOR_MANAGER })
  role!: Role;

  @UuidField({ optional: true, description: 'Required for vendor managers and reps' })
  vendorId?: string;

  @UuidField({ optional: true, description: 'Required for reps: their rep record' })
  repId?: string;
}

export class UpdateUserDto {
  @TextField({ optional: true, example: 'Zhang Wei', minLength: 1, maxLength: 200 })
  displayName?: string;

  @BooleanField({
    optional: true,
    description:
      'Deactivated users cannot get new tokens, and their tokens already out stop working (so do they on a password change)',
  })
  active?: boolean;

  @TextField({ optional: true, minLength: 12, maxLength: 200 })
  password?: string;
}

export class ListUsersQuery extends PageQuery {
  @EnumField(Role, { optional: true, enumName: 'Role' })
  role?: Role;

  @UuidField({ optional: true })
  vendorId?: string;
}

export class UserDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'zhang.wei@vendor-a.cn' })
  email!: string;

  @ApiProperty({ example: 'Zhang Wei' })
  displayName!: string;

  @ApiProperty({ enum: Role, enumName: 'Role' })
  role!: Role;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  vendorId!: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  repId!: string | null;

  @ApiProperty()
  active!: boolean;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  lastLoginAt!: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;

  @ApiProperty({ description: 'Send back as If-Match (also the ETag) to update', example: 1 })
  version!: number;
}

export const UserPage = PageOf(UserDto);

export function mapUser(user: User): UserDto {
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    role: user.role,
    vendorId: user.vendorId,
    repId: user.repId,
    active: user.active,
    lastLoginAt: user.lastLoginAt?.toISOString() ?? null,
    createdAt: user.createdAt.toISOString(),
    updatedAt: user.updatedAt.toISOString(),
    version: user.version,
  };
}

export class CreateApiClientDto {
  @TextField({ example: 'Kingdee ERP (production)', minLength: 1, maxLength: 200 })
  name!: string;

  @UuidField({ optional: true, description: 'Bind the client to one vendor; omit for company-wide' })
  vendorId?: string;
}

export class UpdateApiClientDto {
  @TextField({ optional: true, example: 'Kingdee ERP (production)', minLength: 1, maxLength: 200 })
  name?: string;

  @BooleanField({
    optional: true,
    description: 'Switched-off clients cannot get new tokens, and their tokens already out stop working',
    example: false,
  })
  active?: boolean;
}

export class ApiClientDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'osm_3f9a0c1d2e4b5a6c' })
  clientId!: string;

  @ApiProperty({ example: 'Kingdee ERP (production)' })
  name!: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  vendorId!: string | null;

  @ApiProperty()
  active!: boolean;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ example: 1 })
  version!: number;
}

export class CreatedApiClientDto extends ApiClientDto {
  @ApiProperty({ description: 'Shown once; only its hash is stored', example: 'kq3…' })
  clientSecret!: string;
}

export const ApiClientPage = PageOf(ApiClientDto);

export function mapApiClient(client: ApiClient): ApiClientDto {
  return {
    id: client.id,
    clientId: client.clientId,
    name: client.name,
    vendorId: client.vendorId,
    active: client.active,
    createdAt: client.createdAt.toISOString(),
    version: client.version,
  };
}
