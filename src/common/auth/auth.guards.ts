import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { DomainException } from '../errors/domain.exception';
import { ErrorCode } from '../errors/error-codes';
import { AuthenticatedRequest, IS_PUBLIC, ROLES } from './auth.decorators';
import { TokenStatus } from './jwt.strategy';
import { Principal, Role } from './role';

/** Global: every route needs a valid bearer token unless marked @Public(). */
@Injectable()
export class JwtAuthGuard extends AuthGuard('jwt') {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenStatus,
  ) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (isPublic) return true;
    await super.canActivate(context);
    // A well-signed token of a since deactivated subject, or from before a password change, is refused.
    const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().user!;
    if (!(await this.tokens.isCurrent(principal.kind, principal.subjectId, principal.tokenGeneration ?? 0))) {
      throw unauthenticated('');
    }
    return true;
  }

  override handleRequest<TUser = Principal>(error: unknown, user: TUser | false, info: unknown): TUser {
    if (error || !user) {
      const reason =
        info instanceof Error && info.name === 'TokenExpiredError' ? 'The access token has expired' : '';
      throw unauthenticated(reason);
    }
    return user;
  }
}

function unauthenticated(reason: string): DomainException {
  return new DomainException(
    ErrorCode.UNAUTHENTICATED,
    reason || 'A valid bearer access token is required (POST /api/v1/auth/token)',
  );
}

/** Global: enforces @Auth(...roles). */
@Injectable()
export class RolesGuard {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!roles?.length) return true;
    const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().user;
    if (principal && roles.includes(principal.role)) return true;
    throw DomainException.forbidden(`This needs one of the roles: ${roles.join(', ')}`);
  }
}
