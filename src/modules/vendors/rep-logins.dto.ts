import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, MaxLength } from 'class-validator';
import type { User } from '../auth/user.entity';
import { TextField, BooleanField } from '../../common/validation/fields';

const trimLower = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim().toLowerCase() : value;

export class CreateRepLoginDto {
  @ApiProperty({ example: 'li.na@vendor-a.cn', maxLength: 254 })
  @Transform(trimLower)
  @IsEmail()
  @MaxLength(254)
  email!: string;

  @TextField({
    optional: true,
    example: 'Li Na',
    description: 'Defaults to the rep’s full name',
    minLength: 1,
    maxLength: 200,
  })
  displayName?: string;

  @TextField({
    description: 'At least 12 characters',
    example: 'correct-horse-battery',
    minLength: 12,
    maxLength: 200,
  })
  password!: string;
}

export class UpdateRepLoginDto {
  @BooleanField({
    optional: true,
    description: 'false switches the login off: no new tokens, and the tokens already out stop working',
  })
  active?: boolean;

  @TextField({
    optional: true,
    description: 'A new password (reset); the tokens already out stop working',
    minLength: 12,
    maxLength: 200,
  })
  password?: string;
}

export class RepLoginDto {
  @ApiProperty({ format: 'uuid' })
  userId!: string;

  @ApiProperty({ format: 'uuid' })
  repId!: string;

  @ApiProperty({ format: 'uuid' })
  vendorId!: string;

  @ApiProperty({ example: 'li.na@vendor-a.cn' })
  email!: string;

  @ApiProperty({ example: 'Li Na' })
  displayName!: string;

  @ApiProperty({ example: 'rep', description: 'Always rep' })
  role!: string;

  @ApiProperty()
  active!: boolean;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  lastLoginAt!: string | null;
}

export function mapRepLogin(user: User): RepLoginDto {
  return {
    userId: user.id,
    repId: user.repId!,
    vendorId: user.vendorId!,
    email: user.email,
    displayName: user.displayName,
    role: user.role,
    active: user.active,
    lastLoginAt: user.lastLoginAt?.toISOString() ?? null,
  };
}
