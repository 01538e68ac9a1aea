import { connect } from 'node:net';
import { startTestApp } from '../support/test-app';

describe('Shutdown: in-flight requests finish, new ones are told to go elsewhere', () => {
  it('finishes a request in flight when shutdown starts, and answers a request after it 503 problem+json with Retry-After', async () => {
    const t = await startTestApp();
    const url = new URL(t.baseUrl);
    const body = '{"email":"nobody@example.com"}';
    let closing: Promise<void> | undefined;
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(url.port), url.hostname, () => {
        // The first request's headers and half its body: it is in flight when shutdown starts.
        socket.write(
          'POST /api/v1/auth/token HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n' +
            `Content-Length: ${body.length}\r\n\r\n${body.slice(0, 10)}`,
        );
        setTimeout(() => {
          closing = t.close();
          setTimeout(() => {
            socket.write(body.slice(10) + 'GET /health/live HTTP/1.1\r\nHost: x\r\n\r\n');
          }, 200);
        }, 200);
      });
      let received = '';
      socket.on('data', (chunk) => (received += String(chunk)));
      const giveUp = setTimeout(() => socket.destroy(), 15_000);
      socket.on('close', () => {
        clearTimeout(giveUp);
        resolve(received);
      });
      socket.on('error', reject);
    });
    await closing;
    const responses = answer.split(/(?=HTTP\/1\.1 )/);
    expect(responses).toHaveLength(2);
    // The request in flight ran to its end: refused for its missing password, not cut off.
    expect(responses[0]).toMatch(/^HTTP\/1\.1 400/);
    expect(responses[0]).toContain('"code":"VALIDATION_FAILED"');
    expect(responses[1]).toMatch(/^HTTP\/1\.1 503/);
    expect(responses[1]).toMatch(/content-type: application\/problem\+json/i);
    expect(responses[1]).toMatch(/retry-after: 5/i);
    expect(responses[1]).toMatch(/connection: close/i);
    expect(responses[1]).toContain('"code":"SERVICE_UNAVAILABLE"');
  });
});
