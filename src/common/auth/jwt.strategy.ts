import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { ALL_ROLES, Principal, Role } from './role';

/**
 * Whether a token's subject still stands behind it: an active user or client whose tokens were not
 * revoked after the token was issued. Provided by the auth module.
 */
export abstract class TokenStatus {
  abstract isCurrent(
    kind: AccessTokenClaims['kind'],
    subjectId: string,
    generation: number,
  ): Promise<boolean>;
}

/** Claims of an OSM access token. */
export interface AccessTokenClaims {
  sub: string;
  kind: 'user' | 'api_client';
  role: Role;
  vendorId: string | null;
  repId: string | null;
  name: string;
  /** The subject's token generation when issued; a raised generation ends older tokens. */
  gen: number;
}

@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy) {
  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly tokens: TokenStatus,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      secretOrKey: config.jwtSecret,
      issuer: config.jwtIssuer,
      algorithms: ['HS256'],
      ignoreExpiration: false,
    });
  }

  async validate(claims: AccessTokenClaims): Promise<Principal | false> {
    if (!ALL_ROLES.includes(claims.role) || typeof claims.sub !== 'string') return false;
    if (!(await this.tokens.isCurrent(claims.kind, claims.sub, claims.gen ?? 0))) return false;
    return {
      subjectId: claims.sub,
      kind: claims.kind,
      role: claims.role,
      vendorId: claims.vendorId ?? null,
      repId: claims.repId ?? null,
      name: claims.name,
    };
  }
}
