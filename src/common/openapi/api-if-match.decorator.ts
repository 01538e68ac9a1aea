import { ApiHeader } from '@nestjs/swagger';

/** Documents the optional `If-Match` precondition of an update (stale version → 412). */
export const ApiIfMatch = (): MethodDecorator =>
  ApiHeader({
    name: 'If-Match',
    required: false,
    description: 'ETag (version) last read; a stale one is refused with 412',
    example: '"1"',
  });
