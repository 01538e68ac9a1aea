import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { AccessTokenClaims } from '../../common/auth/jwt.strategy';
import { decoySecretHash, verifySecret } from '../../common/auth/password';
import { Role } from '../../common/auth/role';
import { DomainException } from '../../common/errors/domain.exception';
import { ErrorCode } from '../../common/errors/error-codes';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { ApiClient } from './api-client.entity';
import { TokenRequestDto, TokenResponseDto } from './auth.dto';
import { LoginFailure } from './login-attempt.entity';
import { User } from './user.entity';

@Injectable()
export class AuthService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly jwt: JwtService,
    @InjectRepository(User) private readonly users: Repository<User>,
    @InjectRepository(ApiClient) private readonly clients: Repository<ApiClient>,
    @InjectRepository(LoginFailure) private readonly failures: Repository<LoginFailure>,
  ) {}

  async issueToken(request: TokenRequestDto): Promise<TokenResponseDto> {
    const identifier =
      request.grant_type === 'password'
        ? `user:${request.username!.trim().toLowerCase()}`
        : `client:${request.client_id!}`;
    await this.refuseWhenThrottled(identifier);

    const claims =
      request.grant_type === 'password'
        ? await this.authenticateUser(request.username!.trim().toLowerCase(), request.password!)
        : await this.authenticateClient(request.client_id!, request.client_secret!);

    if (!claims) {
      await this.recordFailure(identifier);
      // One answer for unknown user, wrong password and inactive account: no account oracle.
      throw new DomainException(ErrorCode.INVALID_CREDENTIALS, 'The credentials are not valid');
    }
    await this.failures.delete({ identifier });
    return {
      access_token: await this.jwt.signAsync(claims),
      token_type: 'Bearer',
      expires_in: this.config.jwtTtlSeconds,
    };
  }

  private async authenticateUser(email: string, password: string): Promise<AccessTokenClaims | undefined> {
    const user = await this.users
      .createQueryBuilder('user')
      .addSelect('user.passwordHash')
      .where('user.email = :email', { email })
      .getOne();
    // Hash even when the user is unknown, so response time does not reveal which emails exist.
    const valid = await verifySecret(password, user?.passwordHash ?? (await decoySecretHash()));
    if (!user || !valid || !user.active) return undefined;
    await this.users.update(user.id, { lastLoginAt: new Date(), version: () => 'version' });
    return {
      sub: user.id,
      kind: 'user',
      role: user.role,
      vendorId: user.vendorId,
      repId: user.repId,
      name: user.displayName,
      gen: user.tokenGeneration,
    };
  }

  private async authenticateClient(clientId: string, secret: string): Promise<AccessTokenClaims | undefined> {
    const client = await this.clients
      .createQueryBuilder('client')
      .addSelect('client.secretHash')
      .where('client.clientId = :clientId', { clientId })
      .getOne();
    const valid = await verifySecret(secret, client?.secretHash ?? (await decoySecretHash()));
    if (!client || !valid || !client.active) return undefined;
    await this.clients.update(client.id, { lastUsedAt: new Date(), version: () => 'version' });
    return {
      sub: client.id,
      kind: 'api_client',
      role: Role.INTEGRATION,
      vendorId: client.vendorId,
      repId: null,
      name: client.name,
      gen: client.tokenGeneration,
    };
  }

  private async refuseWhenThrottled(identifier: string): Promise<void> {
    const record = await this.failures.findOneBy({ identifier });
    if (!record || record.failures < this.config.loginMaxFailures) return;
    const windowEnds = record.windowStartedAt.getTime() + this.config.loginFailureWindowSeconds * 1000;
    const retryAfterSeconds = Math.ceil((windowEnds - Date.now()) / 1000);
    if (retryAfterSeconds <= 0) return;
    throw new DomainException(
      ErrorCode.TOO_MANY_LOGIN_FAILURES,
      `Too many failed sign-ins; try again in ${retryAfterSeconds} seconds`,
      undefined,
      { retryAfterSeconds },
    );
  }

  /** One upsert: counts the failure, or starts a new window when the old one has passed. */
  private async recordFailure(identifier: string): Promise<void> {
    await this.failures.query(
      `INSERT INTO login_failures (identifier, failures, window_started_at) VALUES ($1, 1, now())
       ON CONFLICT (identifier) DO UPDATE SET
         failures = CASE WHEN login_failures.window_started_at < now() - make_interval(secs => $2)
                         THEN 1 ELSE login_failures.failures + 1 END,
         window_started_at = CASE WHEN login_failures.window_started_at < now() - make_interval(secs => $2)
                                  THEN now() ELSE login_failures.window_started_at END,
         updated_at = now(), version = login_failures.version + 1`,
      [identifier, this.config.loginFailureWindowSeconds],
    );
  }
}
