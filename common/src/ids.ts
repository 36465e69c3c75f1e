// The UUID rule lives in contracts (whose request schemas need it); kept under this name for the services.
export { isUuid } from '@dm/contracts/common';
