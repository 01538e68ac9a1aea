import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomBytes } from 'node:crypto';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { hashSecret } from '../../common/auth/password';
import { DomainException } from '../../common/errors/domain.exception';
import { ErrorCode } from '../../common/errors/error-codes';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { PasswordReset } from './password-reset.entity';
import { TokenStatusService } from './token-status.service';
import { User } from './user.entity';

const tokenHash = (token: string): string => createHash('sha256').update(token).digest('hex');

/**
 * Admin-triggered password resets: an admin (or the `osm admin reset-password` command) issues a
 * one-time token; the user sets a new password with it before it expires. A new reset voids the older
 * ones; a use voids all of the user's open ones and ends the tokens the user already had.
 */
@Injectable()
export class PasswordResetsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly tokens: TokenStatusService,
  ) {}

  async issue(userId: string, issuedBy: string | null): Promise<{ resetToken: string; expiresAt: Date }> {
    const resetToken = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + this.config.passwordResetTtlSeconds * 1000);
    await this.dataSource.transaction(async (manager) => {
      const user = await manager.getRepository(User).findOneBy({ id: userId });
      if (!user) throw DomainException.notFound('User', userId);
      await this.voidOpen(manager, userId);
      await manager
        .getRepository(PasswordReset)
        .insert({ userId, tokenHash: tokenHash(resetToken), expiresAt, usedAt: null, issuedBy });
    });
    return { resetToken, expiresAt };
  }

  /** Unknown, used, voided and expired tokens answer alike, so the answer tells a guesser nothing. */
  async redeem(resetToken: string, newPassword: string): Promise<void> {
    const passwordHash = await hashSecret(newPassword);
    const userId = await this.dataSource.transaction(async (manager) => {
      const reset = await manager
        .getRepository(PasswordReset)
        .createQueryBuilder('reset')
        .setLock('pessimistic_write')
        .where('reset.token_hash = :hash', { hash: tokenHash(resetToken) })
        .andWhere('reset.used_at IS NULL')
        .andWhere('reset.expires_at > now()')
        .getOne();
      if (!reset) {
        throw new DomainException(
          ErrorCode.PASSWORD_RESET_TOKEN_INVALID,
          'The reset token is unknown, used or expired; ask an admin for a new one',
        );
      }
      await this.voidOpen(manager, reset.userId);
      await manager
        .getRepository(User)
        .createQueryBuilder()
        .update()
        .set({
          passwordHash,
          tokenGeneration: () => 'token_generation + 1',
          version: () => 'version + 1',
        })
        .where('id = :id', { id: reset.userId })
        .execute();
      return reset.userId;
    });
    this.tokens.forget('user', userId);
  }

  private async voidOpen(manager: EntityManager, userId: string): Promise<void> {
    await manager.getRepository(PasswordReset).update({ userId, usedAt: IsNull() }, { usedAt: new Date() });
  }
}
