// One implementation of money at the edges, in contracts (whose schemas need it); kept under this
// name so services read money where they read the rest of the kit.
export { formatMoney, MoneyInput as moneyInput, parseMoney } from '@dm/contracts/money';
