import { Body, Controller, Get, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiBody, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth, CurrentPrincipal, Public } from '../../common/auth/auth.decorators';
import type { Principal } from '../../common/auth/role';
import { ApiProblems } from '../../common/openapi/api-problems.decorator';
import { mapPrincipal, PrincipalDto, TokenRequestDto, TokenResponseDto } from './auth.dto';
import { AuthService } from './auth.service';
import { RedeemPasswordResetDto } from './password-resets.dto';
import { PasswordResetsService } from './password-resets.service';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly passwordResets: PasswordResetsService,
  ) {}

  @Post('password-resets')
  @Public()
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({
    summary: 'Set a new password with a reset token an admin issued',
    description:
      'The token works once and until it expires. Unknown, used and expired tokens answer the same ' +
      '422 PASSWORD_RESET_TOKEN_INVALID. Tokens the user already had stop working.',
  })
  @ApiNoContentResponse({ description: 'The new password is set' })
  @ApiProblems(400, 422)
  async redeemPasswordReset(@Body() body: RedeemPasswordResetDto): Promise<void> {
    await this.passwordResets.redeem(body.resetToken, body.newPassword);
  }

  @Post('token')
  @Public()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Issue an access token',
    description:
      'Users sign in with `grant_type=password` (email + password); ERP/CRM systems with ' +
      '`grant_type=client_credentials`. Wrong and unknown credentials answer the same 401; repeated ' +
      'failures for one identifier answer 429 for a while.',
  })
  @ApiBody({
    type: TokenRequestDto,
    examples: {
      user: {
        value: { grant_type: 'password', username: 'admin@osm.demo', password: 'demo-admin-password' },
      },
      client: {
        value: { grant_type: 'client_credentials', client_id: 'osm_3f9a0c1d2e4b5a6c', client_secret: '…' },
      },
    },
  })
  @ApiOkResponse({ type: TokenResponseDto })
  @ApiProblems(400, 401, 429)
  createToken(@Body() body: TokenRequestDto): Promise<TokenResponseDto> {
    return this.auth.issueToken(body);
  }

  @Get('me')
  @Auth()
  @ApiOperation({ summary: 'Who am I: the principal behind the token, with its role and vendor/rep link' })
  @ApiOkResponse({ type: PrincipalDto })
  getCurrentPrincipal(@CurrentPrincipal() principal: Principal): PrincipalDto {
    return mapPrincipal(principal);
  }
}
