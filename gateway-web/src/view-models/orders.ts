// A shopper's orders, and an order's page (the admin's too).
import type { Page } from '@dm/common/pagination';
import type { Order } from '../order-types.js';
import { shortId } from '../view-helpers.js';
import { lastPage } from './pagination.js';

export function ordersView(result: Page<Order>) {
  return { title: 'Your orders', result, lastPage: lastPage(result, result.page_size) };
}

export function orderView(order: Order) {
  return { title: `Order ${shortId(order.id)}`, order };
}
