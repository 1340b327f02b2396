/**
 * Key rotation on Teams cards: a card action signed with the action key of the previous
 * TOKEN_CACHE_KEY (a card sent before the rotation) still works while TOKEN_CACHE_KEY_PREVIOUS
 * is set; one signed with any other key is refused as tampered.
 */
import { randomBytes } from 'node:crypto';
import { deriveActionKey, signAction, verifyAction } from '../../../src/core/action-token';
import {
  ALICE,
  cardOf,
  cardText,
  DAY_MS,
  findAction,
  NOW,
  PERSONAL_ALICE,
  startTeamsHarness,
  type TeamsHarness,
} from '../../support/teams-harness';

const keyA = randomBytes(32); // the old TOKEN_CACHE_KEY
const keyB = randomBytes(32); // the new one
const at = (days: number) => new Date(NOW.getTime() + days * DAY_MS);

describe('Teams card actions during a key rotation', () => {
  let h: TeamsHarness;
  let patId: string;

  beforeAll(async () => {
    h = await startTeamsHarness({
      actionKey: deriveActionKey(keyB),
      previousActionKey: deriveActionKey(keyA),
    });
    patId = h.ado.addPat({
      ownerOid: ALICE.oid,
      org: 'contoso',
      name: 'nightly-build',
      validTo: at(5),
    }).authorizationId;
    await h.signIn(ALICE);
  });
  afterAll(async () => h.close());

  /** The card's Renew 90 action, re-signed with `key` (what a card sent under that key carried). */
  async function renewActionSignedWith(key: Buffer) {
    await h.message(ALICE, PERSONAL_ALICE, 'pat list');
    const action = findAction(cardOf(h.connector.messages().at(-1)), 'Renew 90 days', 'nightly-build');
    const current = verifyAction(deriveActionKey(keyB), action.data.t, NOW);
    if (!current.ok) throw new Error('the card is not signed with the current key');
    return { ...action, data: { ...action.data, t: signAction(key, current.payload) } };
  }

  it('a card action signed before the rotation (previous key) renews the PAT', async () => {
    const answer = await h.press(ALICE, PERSONAL_ALICE, await renewActionSignedWith(deriveActionKey(keyA)));
    expect(answer.status).toBe(200);
    expect(cardText(answer.body.value)).toContain('Renewed `nightly-build`');
    expect(h.ado.getPat(patId)!.validTo.getTime()).toBe(at(90).getTime());
  });

  it('a card action signed with any other key is refused and changes nothing', async () => {
    const before = h.ado.getPat(patId)!.validTo.getTime();
    const answer = await h.press(
      ALICE,
      PERSONAL_ALICE,
      await renewActionSignedWith(deriveActionKey(randomBytes(32))),
    );
    expect(answer.body.value).toContain('was changed or is not from me');
    expect(h.ado.getPat(patId)!.validTo.getTime()).toBe(before);
  });
});
