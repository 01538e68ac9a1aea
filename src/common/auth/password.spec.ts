import { hashSecret, verifySecret } from './password';

describe('password hashing', () => {
  it('verifies the right secret and refuses a wrong one', async () => {
    const hash = await hashSecret('correct horse battery staple');
    expect(hash).toMatch(/^scrypt\$32768\$8\$1\$/);
    await expect(verifySecret('correct horse battery staple', hash)).resolves.toBe(true);
    await expect(verifySecret('Correct horse battery staple', hash)).resolves.toBe(false);
  });

  it('salts every hash, so equal passwords hash differently', async () => {
    expect(await hashSecret('same')).not.toEqual(await hashSecret('same'));
  });

  it('refuses a stored value that is not a known hash format', async () => {
    await expect(verifySecret('x', 'plaintext')).resolves.toBe(false);
  });
});
