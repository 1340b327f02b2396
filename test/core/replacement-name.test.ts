import { MAX_PAT_NAME_LENGTH, replacementName } from '../../src/core/replacement-name';

describe('replacementName', () => {
  it('keeps the name when no working PAT has it', () => {
    expect(replacementName('deploy', ['other', 'deploy-2'], '2026-12-03')).toBe('deploy');
  });

  it('dates it when taken (case-insensitive), then numbers it', () => {
    expect(replacementName('Deploy', ['deploy'], '2026-12-03')).toBe('Deploy 2026-12-03');
    expect(replacementName('deploy', ['deploy', 'DEPLOY 2026-12-03'], '2026-12-03')).toBe(
      'deploy 2026-12-03 (2)',
    );
    expect(
      replacementName('deploy', ['deploy', 'deploy 2026-12-03', 'deploy 2026-12-03 (2)'], '2026-12-03'),
    ).toBe('deploy 2026-12-03 (3)');
  });

  it('never goes over Azure DevOps’ 256 characters, and names an empty name', () => {
    const long = 'x'.repeat(256);
    const named = replacementName(long, [long], '2026-12-03');
    expect(named).toHaveLength(MAX_PAT_NAME_LENGTH);
    expect(named.endsWith(' 2026-12-03')).toBe(true);
    expect(replacementName('  ', [], '2026-12-03')).toBe('PAT');
  });
});
