// What each mail says: a subject, and a text and an HTML body rendered from the EJS templates in
// ../templates (HTML escapes every value; the text bodies are plain text and need none).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { NotificationKind } from '@dm/contracts/notifications';
import ejs from 'ejs';
import type { KnownOrderItem } from './db.js';

const TEMPLATES = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'templates');

// One formatter for the process; given a decimal string, Intl reads it exactly (no float).
const MONEY = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });
const price = (amount: string) => MONEY.format(amount as Intl.StringNumericLiteral);

/** "7C3E5A1F": an order as the shop's pages name it. */
export const orderRef = (orderId: string) => orderId.slice(0, 8).toUpperCase();

/** What every mail about an order knows. */
interface OrderMail {
  /** the shopper's name, as they gave it */
  name: string;
  orderId: string;
  /** the shop's address (PUBLIC_URL), for the link to the order */
  publicUrl: string;
}

export type MailModel =
  | (OrderMail & {
      kind: 'order_confirmation';
      items: KnownOrderItem[];
      subtotal: string;
      tax: string;
      shipping_cost: string;
      total: string;
    })
  | (OrderMail & { kind: 'payment_failed'; amount: string; cardLast4: string; reason: string })
  | (OrderMail & { kind: 'order_shipped'; trackingNumbers: string[] })
  | (OrderMail & { kind: 'order_cancelled'; total: string; refunded: boolean; reason: string | null })
  | (OrderMail & { kind: 'payment_refunded'; amount: string; reason: string | null });

export interface MailContent {
  subject: string;
  text: string;
  html: string;
}

const SUBJECTS: { [K in NotificationKind]: (ref: string) => string } = {
  order_confirmation: (ref) => `Your order ${ref} is confirmed`,
  payment_failed: (ref) => `Your payment for order ${ref} did not go through`,
  order_shipped: (ref) => `Your order ${ref} has shipped`,
  order_cancelled: (ref) => `Your order ${ref} is cancelled`,
  payment_refunded: (ref) => `Your payment for order ${ref} was refunded`,
};

const compiled = new Map<string, ejs.TemplateFunction>();

function render(file: string, data: object): string {
  let template = compiled.get(file);
  if (!template) {
    const filename = path.join(TEMPLATES, file);
    // cache: the partials it includes are compiled once too.
    template = ejs.compile(readFileSync(filename, 'utf8'), { filename, cache: true });
    compiled.set(file, template);
  }
  return template(data);
}

/** The subject and both bodies of one mail. */
export function mailContent(model: MailModel): MailContent {
  const ref = orderRef(model.orderId);
  const subject = SUBJECTS[model.kind](ref);
  const data = {
    ...model,
    subject,
    orderRef: ref,
    orderUrl: `${model.publicUrl.replace(/\/+$/, '')}/orders/${model.orderId}`,
    price,
  };
  return { subject, text: render(`${model.kind}.text.ejs`, data), html: render(`${model.kind}.html.ejs`, data) };
}
