import { Body, Controller, Get, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiBody, ApiExtraModels, ApiTags } from '@nestjs/swagger';
import { Auth, CurrentPrincipal, Public } from '../../common/auth/auth.decorators';
import type { Principal } from '../../common/auth/role';
import {
  ClientCredentialsGrantDto,
  mapPrincipal,
  PasswordGrantDto,
  PrincipalDto,
  TOKEN_REQUEST_SCHEMA,
  TokenRequestDto,
  TokenResponseDto,
} from './auth.dto';
import { AuthService } from './auth.service';
import { RedeemPasswordResetDto } from './password-resets.dto';
import { PasswordResetsService } from './password-resets.service';
import { Endpoint } from '../../common/openapi/endpoint.decorator';

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
  @Endpoint({
    summary: 'Set a new password with a reset token an admin issued',
    description:
      'The token works once and until it expires. Unknown, used and expired tokens answer the same ' +
      '422 PASSWORD_RESET_TOKEN_INVALID. Tokens the user already had stop working.',
    noContent: 'The new password is set',
    problems: [400, 422],
  })
  async redeemPasswordReset(@Body() body: RedeemPasswordResetDto): Promise<void> {
    await this.passwordResets.redeem(body.resetToken, body.newPassword);
  }

  @Post('token')
  @Public()
  @HttpCode(HttpStatus.OK)
  @Endpoint({
    summary: 'Issue an access token',
    description:
      'Users sign in with `grant_type=password` (email + password); ERP/CRM systems with ' +
      '`grant_type=client_credentials`. Wrong and unknown credentials answer the same 401; repeated ' +
      'failures for one identifier answer 429 for a while.',
    ok: TokenResponseDto,
    problems: [400, 401, 429],
  })
  @ApiExtraModels(PasswordGrantDto, ClientCredentialsGrantDto)
  @ApiBody({
    schema: TOKEN_REQUEST_SCHEMA,
    examples: {
      user: {
        value: { grant_type: 'password', username: 'admin@osm.demo', password: 'demo-admin-password' },
      },
      client: {
        value: { grant_type: 'client_credentials', client_id: 'osm_3f9a0c1d2e4b5a6c', client_secret: '…' },
      },
    },
  })
  createToken(@Body() body: TokenRequestDto): Promise<TokenResponseDto> {
    return this.auth.issueToken(body);
  }

  @Get('me')
  @Auth()
  @Endpoint({
    summary: 'Who am I: the principal behind the token, with its role and vendor/rep link',
    description:
      'Any valid token. Answers who the token stands for: user or API client id, role, and the ' +
      'vendor and rep it is bound to (null when company-wide), so a client can tell which data its ' +
      'calls are scoped to.',
    ok: PrincipalDto,
  })
  getCurrentPrincipal(@CurrentPrincipal() principal: Principal): PrincipalDto {
    return mapPrincipal(principal);
  }
}
