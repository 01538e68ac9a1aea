import { createSecretKey } from 'node:crypto';
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
  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      // A key object, made once: given the secret as a string, jsonwebtoken builds a key from it on every
      // verification (it first tries it as a public key, throws, then makes a secret key), a third of the
      // API's CPU on a list endpoint under load.
      secretOrKey: createSecretKey(Buffer.from(config.jwtSecret)) as unknown as string,
      issuer: config.jwtIssuer,
      algorithms: ['HS256'],
      ignoreExpiration: false,
    });
  }

  /** Checks the claims only; whether the subject still stands behind the token is the guard's question. */
  validate(claims: AccessTokenClaims): Principal | false {
    if (!ALL_ROLES.includes(claims.role) || typeof claims.sub !== 'string') return false;
    return {
      subjectId: claims.sub,
      kind: claims.kind,
      role: claims.role,
      vendorId: claims.vendorId ?? null,
      repId: claims.repId ?? null,
      name: claims.name,
      tokenGeneration: claims.gen ?? 0,
    };
  }
}
