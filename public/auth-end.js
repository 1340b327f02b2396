/* global document, location, sessionStorage, URLSearchParams, microsoftTeams */
/* patbot fallback sign-in, last step: tells Teams whether consent was given. */
(function () {
  'use strict';
  async function end() {
    await microsoftTeams.app.initialize();
    var result = new URLSearchParams(location.hash.slice(1));
    var expected = sessionStorage.getItem('patbot.signin.state');
    sessionStorage.removeItem('patbot.signin.state');
    if (result.get('error')) {
      microsoftTeams.authentication.notifyFailure(result.get('error'));
    } else if (!expected || result.get('state') !== expected) {
      microsoftTeams.authentication.notifyFailure('state_mismatch');
    } else {
      microsoftTeams.authentication.notifySuccess('consented');
    }
  }
  end().catch(function () {
    document.getElementById('status').textContent = 'You can close this window and try again in Teams.';
  });
})();
