import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';

export class PasswordResetIssuedDto {
  @ApiProperty({
    example: 'Xk3v9QpL0bZr7TnE2sWc5yHdAu8fJgKm1oRiVtNqPzY',
    description: 'Shown this once; hand it to the user over a channel you trust. Only its hash is kept.',
  })
  resetToken!: string;

  @ApiProperty({ format: 'date-time', example: '2026-12-02T09:00:00.000Z' })
  expiresAt!: string;
}

export class RedeemPasswordResetDto {
  @ApiProperty({ example: 'Xk3v9QpL0bZr7TnE2sWc5yHdAu8fJgKm1oRiVtNqPzY', maxLength: 200 })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  resetToken!: string;

  @ApiProperty({ example: 'a-new-long-password', minLength: 12, maxLength: 200 })
  @IsString()
  @MinLength(12)
  @MaxLength(200)
  newPassword!: string;
}
