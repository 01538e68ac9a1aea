import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiExtension } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { ApiProblems } from '../openapi/api-problems.decorator';
import { DataScope } from './data-scope';
import { Principal, Role } from './role';

export const IS_PUBLIC = 'osm:isPublic';
export const ROLES = 'osm:roles';

/** Open to anonymous callers (token issue, health). Everything else needs a bearer token. */
export const Public = (): MethodDecorator & ClassDecorator =>
  applyDecorators(SetMetadata(IS_PUBLIC, true), ApiExtension('x-public', true));

/**
 * Requires a bearer token and, when roles are given, one of those roles (403 otherwise).
 * Documents the bearer requirement and the 401/403 answers.
 */
export const Auth = (...roles: Role[]): MethodDecorator & ClassDecorator =>
  applyDecorators(SetMetadata(ROLES, roles), ApiBearerAuth(), ApiProblems(401, 403));

export type AuthenticatedRequest = FastifyRequest & { user?: Principal };

export const CurrentPrincipal = createParamDecorator((_: unknown, context: ExecutionContext): Principal => {
  const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().user;
  if (!principal) throw new Error('CurrentPrincipal used on a public route');
  return principal;
});

/** The caller's data scope; pass it to every query of scoped data. */
export const Scope = createParamDecorator((_: unknown, context: ExecutionContext): DataScope => {
  const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().user;
  if (!principal) throw new Error('Scope used on a public route');
  return DataScope.of(principal);
});
