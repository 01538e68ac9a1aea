import { DataScope } from '../../src/common/auth/data-scope';
import { LeadAnalyticsService } from '../../src/modules/leads/metrics/lead-analytics.service';
const svc = new LeadAnalyticsService();
const manager = { query: async (sql: string, params: unknown[]) => { console.log(sql + ';\n-- params ' + JSON.stringify(params)); return []; } };
void svc.measureLeads(manager as never, { from: '2024-01-01', to: '2027-01-01' }, ['period', 'region', 'vendor'], 'year', DataScope.companyWide(), true);
