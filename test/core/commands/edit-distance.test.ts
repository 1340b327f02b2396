import { editDistance, nearest } from '../../../src/core/commands/edit-distance';
import { decodeEntities, normalizeText } from '../../../src/core/commands/normalize-text';
import { tokenize } from '../../../src/core/commands/tokenize';

describe('editDistance', () => {
  it.each([
    ['', '', 0],
    ['list', 'list', 0],
    ['lsit', 'list', 2],
    ['lst', 'list', 1],
    ['renw', 'renew', 1],
    ['kitten', 'sitting', 3],
    ['', 'abc', 3],
  ])('%j → %j = %i', (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
    expect(editDistance(b, a)).toBe(d);
  });

  it('nearest picks the closest candidate', () => {
    expect(nearest('revok', ['renew', 'revoke', 'list'])).toEqual({ candidate: 'revoke', distance: 1 });
  });
});

describe('normalizeText and decodeEntities', () => {
  it('removes mentions and tags, decodes entities, folds odd spaces', () => {
    expect(normalizeText('<at>patbot</at>&nbsp;pat\u00a0renew &quot;a&amp;b&quot;\u200b  90<br/>')).toBe(
      'pat renew "a&b" 90',
    );
    expect(decodeEntities('&#39;x&#x2019; &unknown; &#xD800; &#0;')).toBe("'x’ &unknown; &#xD800; &#0;");
  });
});

describe('tokenize', () => {
  it('keeps quoted names whole and marks them', () => {
    expect(tokenize('renew “My PAT” 90.')).toEqual([
      { text: 'renew', quoted: false },
      { text: 'My PAT', quoted: true },
      { text: '90', quoted: false },
    ]);
    expect(tokenize('"a"b c')).toEqual([
      { text: 'a', quoted: true },
      { text: 'b', quoted: false },
      { text: 'c', quoted: false },
    ]);
    expect(tokenize('list ?!')).toEqual([{ text: 'list', quoted: false }]);
  });
});
