// Money's one reader and writer live in contracts (whose request schemas need them); kept under
// this name so services read money where they read the rest of the kit.
export { formatMoney, parseMoney } from '@dm/contracts/money';
