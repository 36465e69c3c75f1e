// The admin's order list, filtered by status and dates.
import type { Page } from '@dm/common/pagination';
import { ORDER_STATUSES, type OrderStatus } from '@dm/contracts/limits';
import type { Order } from '../order-types.js';
import { lastPage } from './pagination.js';

export interface OrderFilters {
  status?: OrderStatus | undefined;
  from?: string | undefined;
  to?: string | undefined;
  page: number;
}

export function adminOrdersView(filters: OrderFilters, result: Page<Order>) {
  return { title: 'Orders', filters, statuses: ORDER_STATUSES, result, lastPage: lastPage(result, result.page_size) };
}
