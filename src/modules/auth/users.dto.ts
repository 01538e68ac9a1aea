import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsEmail,
  IsEnum,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
} from 'class-validator';
import { Role } from '../../common/auth/role';
import { PageOf, PageQuery } from '../../common/pagination/pagination';
import { ApiClient } from './api-client.entity';
import { User } from './user.entity';

const trimLower = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim().toLowerCase() : value;

export class CreateUserDto {
  @ApiProperty({ example: 'zhang.wei@vendor-a.cn', maxLength: 254 })
  @Transform(trimLower)
  @IsEmail()
  @MaxLength(254)
  email!: string;

  @ApiProperty({ example: 'Zhang Wei', maxLength: 200 })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  displayName!: string;

  @ApiProperty({
    description: 'At least 12 characters',
    example: 'correct-horse-battery',
    minLength: 12,
    maxLength: 200,
  })
  @IsString()
  @MinLength(12)
  @MaxLength(200)
  password!: string;

  @ApiProperty({ enum: Role, enumName: 'Role', example: Role.VENDOR_MANAGER })
  @IsEnum(Role)
  role!: Role;

  @ApiPropertyOptional({ format: 'uuid', description: 'Required for vendor managers and reps' })
  @IsOptional()
  @IsUUID()
  vendorId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Required for reps: their rep record' })
  @IsOptional()
  @IsUUID()
  repId?: string;
}

export class UpdateUserDto {
  @ApiPropertyOptional({ example: 'Zhang Wei', maxLength: 200 })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  displayName?: string;

  @ApiPropertyOptional({
    description:
      'Deactivated users cannot get new tokens, and their tokens already out stop working (so do they on a password change)',
  })
  @IsOptional()
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({ minLength: 12, maxLength: 200 })
  @IsOptional()
  @IsString()
  @MinLength(12)
  @MaxLength(200)
  password?: string;
}

export class ListUsersQuery extends PageQuery {
  @ApiPropertyOptional({ enum: Role, enumName: 'Role' })
  @IsOptional()
  @IsEnum(Role)
  role?: Role;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
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
  @ApiProperty({ example: 'Kingdee ERP (production)', maxLength: 200 })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name!: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Bind the client to one vendor; omit for company-wide',
  })
  @IsOptional()
  @IsUUID()
  vendorId?: string;
}

export class UpdateApiClientDto {
  @ApiPropertyOptional({ example: 'Kingdee ERP (production)', maxLength: 200 })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({
    description: 'Switched-off clients cannot get new tokens, and their tokens already out stop working',
    example: false,
  })
  @IsOptional()
  @IsBoolean()
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
