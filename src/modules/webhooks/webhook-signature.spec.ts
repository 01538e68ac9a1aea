import { hostAllowed, signWebhook, verifyWebhookSignature } from './webhook-signature';

describe('webhook signature', () => {
  const body = '{"id":"e1","type":"alert.raised"}';

  it('verifies a signature made with the same secret within the tolerance', () => {
    const header = signWebhook('whsec_a', body, 1_800_000_000);
    expect(header).toMatch(/^t=1800000000,v1=[0-9a-f]{64}$/);
    expect(verifyWebhookSignature('whsec_a', body, header, 1_800_000_100)).toBe(true);
  });

  it('refuses another secret, a changed body and a replay older than the tolerance', () => {
    const header = signWebhook('whsec_a', body, 1_800_000_000);
    expect(verifyWebhookSignature('whsec_b', body, header, 1_800_000_000)).toBe(false);
    expect(verifyWebhookSignature('whsec_a', body.replace('raised', 'resolved'), header, 1_800_000_000)).toBe(
      false,
    );
    expect(verifyWebhookSignature('whsec_a', body, header, 1_800_000_301)).toBe(false);
    expect(verifyWebhookSignature('whsec_a', body, 'garbage', 1_800_000_000)).toBe(false);
  });
});

describe('webhook host allow-list', () => {
  it('matches exact hosts and wildcard subdomains only', () => {
    const allowed = ['erp.example.com', '*.partner.cn'];
    expect(hostAllowed('ERP.example.com', allowed)).toBe(true);
    expect(hostAllowed('hooks.partner.cn', allowed)).toBe(true);
    expect(hostAllowed('partner.cn.evil.com', allowed)).toBe(false);
    expect(hostAllowed('evilpartner.cn', allowed)).toBe(false);
    expect(hostAllowed('169.254.169.254', allowed)).toBe(false);
  });
});
