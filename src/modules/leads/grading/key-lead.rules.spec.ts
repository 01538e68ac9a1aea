import { decideKeyLead, NAMED_ACCOUNT_TAG } from './key-lead.rules';

describe('lead grading', () => {
  it('keeps a hand-set key-lead flag and flags named accounts by rule', () => {
    expect(decideKeyLead({ keyLead: false, setBy: 'manual', reason: 'no' }, true, [])).toEqual({
      keyLead: false,
      setBy: 'manual',
      reason: 'no',
    });
    expect(
      decideKeyLead({ keyLead: false, setBy: null, reason: null }, false, [NAMED_ACCOUNT_TAG]).keyLead,
    ).toBe(true);
    expect(decideKeyLead({ keyLead: true, setBy: 'rule', reason: 'x' }, false, [])).toEqual({
      keyLead: false,
      setBy: null,
      reason: null,
    });
  });

  it('flags a lead matching a named account by rule, with the account in the reason, before the tag rule', () => {
    expect(
      decideKeyLead({ keyLead: false, setBy: null, reason: null }, true, [NAMED_ACCOUNT_TAG], 'Haier Group'),
    ).toEqual({ keyLead: true, setBy: 'rule', reason: 'named account: Haier Group' });
    expect(
      decideKeyLead({ keyLead: false, setBy: 'manual', reason: 'not now' }, false, [], 'Haier Group'),
    ).toEqual({ keyLead: false, setBy: 'manual', reason: 'not now' });
  });
});
