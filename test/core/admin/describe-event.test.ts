/** Who did it and what it means for the owner: system, self or an administrator; when a replacement is offered. */
import { tokenEventAlert } from '../../../src/core/admin/deliver-event';
import type { AuditEvent } from '../../../src/core/admin/org-admin-api';

const base: AuditEvent = {
  id: 'e1',
  actionId: 'Token.PatRevokeEvent',
  at: new Date('2026-12-03T14:05:00Z'),
  actorUserId: 'u-1',
  actorUpn: 'ana@contoso.com',
  actorName: 'Ana',
  patId: 'p1',
  patName: 'deploy',
  ownerName: null,
  details: '',
};

describe('tokenEventAlert', () => {
  it('a self-service revocation: by you, with a replacement', () => {
    const alert = tokenEventAlert('contoso', base);
    expect(alert).toMatchObject({
      by: 'self',
      replacement: { org: 'contoso', patId: 'p1', patName: 'deploy' },
    });
    expect(alert.text).toBe(
      'Your PAT "deploy" in contoso was revoked by you on Thu 3 Dec 2026 14:05 UTC. It no longer works: create a replacement and update whatever used it.',
    );
  });

  it('an administrator revoking someone else’s PAT is named', () => {
    const alert = tokenEventAlert('contoso', { ...base, ownerName: 'bob@contoso.com' });
    expect(alert.by).toBe('admin');
    expect(alert.text).toContain('was revoked by ana@contoso.com (an administrator)');
  });

  it('the system: no actor, and no replacement for a mere update', () => {
    const system = tokenEventAlert('contoso', {
      ...base,
      actionId: 'Token.PatSystemRevokeEvent',
      actorUserId: null,
      actorUpn: null,
      ownerName: 'bob@contoso.com',
    });
    expect(system.by).toBe('system');
    expect(system.text).toMatch(/^Your PAT "deploy" in contoso was revoked by Azure DevOps on /);
    const update = tokenEventAlert('contoso', { ...base, actionId: 'Token.PatUpdateEvent' });
    expect(update.replacement).toBeNull();
    expect(update.text).toBe('Your PAT "deploy" in contoso was changed by you on Thu 3 Dec 2026 14:05 UTC.');
  });
});
