/** `action_id`s, `callback_id`s and `block_id` prefixes patbot's Slack surfaces use. */
export const ACTION = {
  /** One click: renew for RENEW_DEFAULT_DAYS. */
  renew: 'pat_renew',
  /** Other…: the renew modal (30 days, the longest allowed, a date). */
  renewOther: 'pat_renew_other',
  /** Buttons of messages posted before one-click Renew (their values carry the length). */
  renew30: 'pat_renew_30',
  renew90: 'pat_renew_90',
  renewMax: 'pat_renew_max',
  renewDate: 'pat_renew_date',
  confirmRevoke: 'pat_confirm_revoke',
  cancel: 'pat_cancel',
  snooze1: 'pat_snooze_1',
  snooze3: 'pat_snooze_3',
  /** Open the modal that creates a replacement (signed `recreate` / `rotate` value). */
  recreate: 'pat_recreate',
  rotate: 'pat_rotate',
  /** In the modal of a dead all-organisations PAT: create the replacement in the chosen organisation. */
  recreateIn: 'pat_recreate_in',
  /** That modal's organisation select. */
  orgSelect: 'pat_org_select',
  /** In Rotate's modal: revoke the old PAT now / remind me to revoke it. */
  rotateRevoke: 'pat_rotate_revoke',
  rotateRemind: 'pat_rotate_remind',
  /** The list's Replace all (dead all-organisations PATs, signed `replace_all`): opens the modal. */
  replaceAll: 'pat_replace_all',
  /** In that modal: Start / Next, each creates one PAT (same signed value). */
  replaceAllStep: 'pat_replace_all_step',
  /** That modal's organisations multi-select. */
  replaceAllOrgs: 'pat_replace_all_orgs',
  pagePrev: 'pat_page_prev',
  pageNext: 'pat_page_next',
  signIn: 'signin_link',
  /** The link button of an error (blocks/problem-message.ts). */
  problemLink: 'problem_link',
} as const;

/** Every button whose value is a signed action (src/core/action-token.ts). */
export const SIGNED_ACTIONS = /^pat_(renew|renew_(other|30|90|max|date)|confirm_revoke|cancel|snooze_[13])$/;

export const RENEW_MODAL = 'pat_renew_modal';
export const SECRET_MODAL = 'pat_secret_modal';
/** Block id of Rotate's choices in the secret modal (replaced by the outcome). */
export const ROTATE_CHOICES_BLOCK = 'rotate_choices';
/** Block id of the organisation choice (select + Create) for a dead all-organisations PAT. */
export const ORG_CHOICE_BLOCK = 'org_choice';
/** Block id of Replace all's organisations multi-select. */
export const REPLACE_ALL_ORGS_BLOCK = 'replace_all_orgs';
export const DATE_BLOCK = 'expiry';
export const DATE_ACTION = 'date';
export const LENGTH_BLOCK = 'length';
export const LENGTH_ACTION = 'length';
export const PAGE_ACTIONS = /^pat_page_(prev|next)$/;
