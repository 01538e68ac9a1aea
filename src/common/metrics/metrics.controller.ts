import { Controller, Get, Header } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/auth.decorators';
import { MetricsService } from './metrics.service';
import { Endpoint } from '../openapi/endpoint.decorator';

@ApiTags('operations')
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: MetricsService) {}

  @Get()
  @Public()
  @Header('content-type', 'text/plain; version=0.0.4; charset=utf-8')
  @Endpoint({
    summary: 'Prometheus metrics: requests and latency by route, database pool, process',
    description:
      'No sign-in; for the Prometheus scraper, outside /api/v1. Answers the text exposition ' +
      'format: request counts and latency by route and status, the database pool, and the process ' +
      '(memory, event loop, CPU).',
    ok: {
      description: 'Prometheus text exposition format',
      content: {
        'text/plain': {
          schema: { type: 'string' },
          example: 'osm_http_requests_total{method="GET",route="/api/v1/users",status="200"} 3',
        },
      },
    },
  })
  getMetrics(): Promise<string> {
    return this.metrics.registry.metrics();
  }
}
