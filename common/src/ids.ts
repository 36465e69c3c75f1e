// The UUID rule lives in contracts (whose request schemas need it); kept under this name for the services.
export { isUuid, UuidInput as uuidInput } from '@dm/contracts/common';
