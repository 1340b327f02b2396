/* global document, location, sessionStorage, crypto, btoa, atob, TextEncoder, URLSearchParams, microsoftTeams */
/* patbot fallback sign-in (Teams popup): asks Microsoft Entra for consent to manage your PATs.
 * The authorization code is never redeemed here; Teams retries SSO afterwards. */
(function () {
  'use strict';
  function b64url(bytes) {
    var s = '';
    for (var i = 0; i < bytes.length; i++) s += String.fromCharCode(bytes[i]);
    return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }
  function fail(text) {
    document.getElementById('status').textContent = text;
  }
  async function start() {
    var meta = document.querySelector('meta[name="patbot-sign-in"]');
    var config = JSON.parse(meta.getAttribute('content'));
    var loginHint;
    try {
      await microsoftTeams.app.initialize();
      var context = await microsoftTeams.app.getContext();
      loginHint = context.user && context.user.loginHint;
    } catch {
      // Opened outside Teams: continue without a login hint.
    }
    var verifier = b64url(crypto.getRandomValues(new Uint8Array(32)));
    var digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
    var state = b64url(crypto.getRandomValues(new Uint8Array(16)));
    sessionStorage.setItem('patbot.signin.state', state);
    var params = new URLSearchParams({
      client_id: config.clientId,
      response_type: 'code',
      response_mode: 'fragment',
      redirect_uri: location.origin + '/auth-end.html',
      scope: config.scope,
      state: state,
      code_challenge: b64url(new Uint8Array(digest)),
      code_challenge_method: 'S256',
    });
    if (loginHint) params.set('login_hint', loginHint);
    var claims = new URLSearchParams(location.search).get('claims');
    if (claims && /^[A-Za-z0-9_-]{1,4000}$/.test(claims)) {
      var padded = claims.replace(/-/g, '+').replace(/_/g, '/');
      params.set('claims', atob(padded + '==='.slice((padded.length + 3) % 4)));
    }
    location.assign(config.authorizeUrl + '?' + params.toString());
  }
  start().catch(function () {
    fail('Sign-in could not start. Close this window and try again.');
  });
})();
