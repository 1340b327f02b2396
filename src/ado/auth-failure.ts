/**
 * Explains a refused call (401/403, sign-in redirects, 404 on the org) by its most likely cause,
 * so people see "Azure DevOps doesn't accept PATs here" rather than a bare 401.
 */
import { commandText } from '../core/messages';
import { CodedError } from '../errors';
import type { AdoResponse } from './ado-transport';
import { credentialKind } from './jwt-claims';

const MSA_TENANT = '00000000-0000-0000-0000-000000000000';

export interface FailureContext {
  org: string;
  accessToken: string;
}

/** True for 203 and 3xx (sign-in pages) or an HTML body where JSON was expected. */
export function isSignInPage(res: AdoResponse): boolean {
  if (res.status === 203 || (res.status >= 300 && res.status < 400)) return true;
  const type = res.headers.get('content-type') ?? '';
  return res.status < 300 && (type.includes('text/html') || /^\s*</.test(res.body));
}

export function signInRedirectError(res: AdoResponse, org: string): CodedError {
  return new CodedError(
    'ado.sign_in_redirect',
    'Azure DevOps sent me to a sign-in page instead of answering.',
    {
      nextStep: (p) =>
        `Sign in again with ${commandText(p, 'signin')}; if it keeps happening, tell your administrator.`,
      details: { status: res.status, org },
    },
  );
}

/** The coded error for a 401 or 403. */
export function authFailure(res: AdoResponse, ctx: FailureContext): CodedError {
  const details = { status: res.status, org: ctx.org };
  const kind = credentialKind(ctx.accessToken);
  if (kind === 'not-jwt') {
    return new CodedError(
      'ado.pat_not_accepted',
      'Azure DevOps only lets you manage PATs with a Microsoft Entra sign-in, not with a PAT, which is why a script that uses a PAT gets 401.',
      {
        nextStep: (p) =>
          `You don’t need to be an administrator: sign in with ${commandText(p, 'signin')} and I’ll act as you.`,
        details,
      },
    );
  }
  if (kind === 'app') {
    return new CodedError(
      'ado.app_only_token',
      'Azure DevOps refuses app-only sign-ins (service principals, managed identities, client credentials) for managing PATs.',
      {
        nextStep: (p) =>
          `Sign in as yourself with ${commandText(p, 'signin')}; patbot must act on behalf of a user.`,
        details,
      },
    );
  }
  if ((res.headers.get('x-vss-resourcetenant') ?? '').trim() === MSA_TENANT) {
    return new CodedError(
      'ado.msa_org',
      `The organisation ${ctx.org} is backed by personal Microsoft accounts, and Azure DevOps only lets you manage PATs through its API in organisations connected to Microsoft Entra.`,
      {
        nextStep: 'Manage these PATs in Azure DevOps under User settings → Personal access tokens.',
        details,
      },
    );
  }
  const message = bodyMessage(res.body);
  const named = /TF400813:.*user '([^']+)'/.exec(message ?? '');
  if (named) {
    return new CodedError('ado.not_member', `You don’t seem to be a member of ${ctx.org}.`, {
      nextStep: (p) => `Check the name with ${commandText(p, 'orgs')}, or ask an administrator to add you.`,
      details,
    });
  }
  if (res.status === 403) {
    return new CodedError('ado.forbidden', `Azure DevOps refused this for your account in ${ctx.org}.`, {
      nextStep:
        'Check that your organisation has allowed patbot to manage PATs (vso.pats / vso.pats_manage consent); ask an Entra administrator if not.',
      details,
    });
  }
  return new CodedError(
    'ado.unauthorized',
    'Azure DevOps did not accept your sign-in (it may have expired).',
    {
      nextStep: (p) => `Sign in again with ${commandText(p, 'signin')}.`,
      details,
    },
  );
}

export function orgNotFound(org: string, status: number): CodedError {
  return new CodedError('ado.org_not_found', `I couldn’t find the Azure DevOps organisation ${org}.`, {
    nextStep: (p) => `Check the name with ${commandText(p, 'orgs')} (it is the part after dev.azure.com/).`,
    details: { status, org },
  });
}

export function badResponse(org: string, status: number, reason: string): CodedError {
  return new CodedError('ado.bad_response', 'Azure DevOps sent an answer I couldn’t read.', {
    nextStep: 'Try again in a minute; if it keeps happening, tell your administrator the reference below.',
    details: { status, org, reason },
  });
}

function bodyMessage(body: string): string | undefined {
  try {
    const parsed: unknown = JSON.parse(body);
    if (typeof parsed === 'object' && parsed !== null) {
      const message = (parsed as Record<string, unknown>).message;
      return typeof message === 'string' ? message : undefined;
    }
  } catch {
    return undefined;
  }
  return undefined;
}
