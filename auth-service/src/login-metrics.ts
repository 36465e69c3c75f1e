import { counter } from '@dm/common/metrics';

const logins = counter(
  'logins_total',
  'Sign-ins: success, failure (wrong or unknown credentials, a disabled account), locked (refused while the account is locked)',
  {
    outcome: ['success', 'failure', 'locked'],
  },
);

export const countLogin = (outcome: 'success' | 'failure' | 'locked') => logins.inc({ outcome });
