import { changeOrgs, effectiveOrgs } from '../../src/core/orgs';

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
