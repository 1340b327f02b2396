import { changeOrgs, effectiveOrgs, orgsCapNotice } from '../../src/core/orgs';

const defaults = ['contoso', 'fabrikam'];

describe('changeOrgs', () => {
  it('adds to the organisations in use, keeping the defaults', () => {
    expect(changeOrgs(null, defaults, 'add', 'northwind')).toMatchObject({
      next: ['contoso', 'fabrikam', 'northwind'],
      message: 'Added `northwind`. I now look in `contoso`, `fabrikam`, `northwind`.',
    });
  });

  it('really removes a default organisation', () => {
    expect(changeOrgs(null, defaults, 'remove', 'Contoso')).toMatchObject({
      next: ['fabrikam'],
      effective: ['fabrikam'],
    });
  });

  it('goes back to the default after removing the last one, and says so', () => {
    const change = changeOrgs(['northwind'], defaults, 'remove', 'northwind');
    expect(change.next).toBeNull();
    expect(change.effective).toEqual(defaults);
    expect(change.message).toMatch(/last one.*default again: `contoso`, `fabrikam`/);
  });

  it('changes nothing for a duplicate add or an unknown remove', () => {
    expect(changeOrgs(['a1'], defaults, 'add', 'A1')).toMatchObject({
      next: ['a1'],
      message: 'I already look in `A1`.',
    });
    expect(changeOrgs(null, defaults, 'remove', 'zz')).toMatchObject({ next: null, effective: defaults });
  });

  it('uses the defaults when nothing was chosen', () => {
    expect(effectiveOrgs(null, defaults)).toEqual(defaults);
    expect(effectiveOrgs([], defaults)).toEqual(defaults);
    expect(effectiveOrgs(['x'], defaults)).toEqual(['x']);
  });
});

describe('the MAX_ORGS_PER_USER cap', () => {
  const nine = Array.from({ length: 9 }, (_, i) => `o${i}`);

  it('adds up to the cap, then refuses with the next step and nothing to store', () => {
    const tenth = changeOrgs(nine, defaults, 'add', 'o9', 10);
    expect(tenth.next).toHaveLength(10);
    const refused = changeOrgs(tenth.next, defaults, 'add', 'o10', 10);
    expect(refused.refused).toBe(true);
    expect(refused.next).toEqual(tenth.next);
    expect(refused.message).toBe(
      "I didn't add `o10`: you already look in 10 organisations, the most I read for one person (10). " +
        'Remove one first with `pat orgs remove <org>`, then add this one again.',
    );
    expect(changeOrgs(tenth.next, defaults, 'add', 'o10')).toMatchObject({ refused: true });
  });

  it('reads a longer stored list only up to the cap, and says so', () => {
    const many = Array.from({ length: 300 }, (_, i) => `o${i}`);
    expect(effectiveOrgs(many, defaults, 10)).toEqual(many.slice(0, 10));
    expect(orgsCapNotice(many, defaults, 10)).toBe(
      'You have 300 organisations saved; I read only the first 10. Remove the ones you no longer need with `pat orgs remove <org>`.',
    );
    expect(orgsCapNotice(nine, defaults, 10)).toBeNull();
  });

  it('lets a person shrink an over-long list one remove at a time', () => {
    const many = Array.from({ length: 12 }, (_, i) => `o${i}`);
    const change = changeOrgs(many, defaults, 'remove', 'o11', 10);
    expect(change.next).toHaveLength(11);
    expect(change.effective).toHaveLength(10);
  });
});
