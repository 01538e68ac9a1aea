import { ApiProperty } from '@nestjs/swagger';
import { TextField } from '../../common/validation/fields';

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
  @TextField({ example: 'Xk3v9QpL0bZr7TnE2sWc5yHdAu8fJgKm1oRiVtNqPzY', minLength: 1, maxLength: 200 })
  resetToken!: string;

  @TextField({ example: 'a-new-long-password', minLength: 12, maxLength: 200 })
  newPassword!: string;
}
