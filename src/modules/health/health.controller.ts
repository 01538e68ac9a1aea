import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckResult, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { Public } from '../../common/auth/auth.decorators';
import { Endpoint } from '../../common/openapi/endpoint.decorator';

const healthExample = {
  status: 'ok',
  info: { database: { status: 'up' } },
  error: {},
  details: { database: { status: 'up' } },
};

@ApiTags('operations')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
  ) {}

  @Get('live')
  @Public()
  @HealthCheck({ swaggerDocumentation: false })
  @Endpoint({
    summary: 'Liveness: the process answers',
    description:
      'No sign-in. Answers 200 while the process runs and serves requests; it does not touch the ' +
      'database, so an orchestrator restarts the process only when the process itself hangs.',
    ok: {
      description: 'The process is alive',
      schema: { type: 'object' },
      example: { status: 'ok', info: {}, error: {}, details: {} },
    },
  })
  getLiveness(): Promise<HealthCheckResult> {
    return this.health.check([]);
  }

  @Get('ready')
  @Public()
  @HealthCheck({ swaggerDocumentation: false })
  @Endpoint({
    summary: 'Readiness: the database answers',
    description:
      'No sign-in. Answers 200 when the database answers a ping within 3 seconds, and 503 ' +
      'otherwise, so a load balancer stops sending traffic to a replica that cannot reach its ' +
      'database.',
    ok: { description: 'Ready to serve', schema: { type: 'object' }, example: healthExample },
    problems: [503],
  })
  getReadiness(): Promise<HealthCheckResult> {
    return this.health.check([() => this.database.pingCheck('database', { timeout: 3000 })]);
  }
}
