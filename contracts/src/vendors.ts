// The marketplace's sellers: the application a shopper sends, the shop an admin's approval makes,
// and the short reference every product carries. A vendor's id is their user id.
import { z } from 'zod';
import { pageOf, pageQuery, Timestamp, Uuid } from './common.js';

export const SHOP_NAME_MAX = 80;
export const SHOP_DESCRIPTION_MAX = 2000;
export const PAYOUT_REFERENCE_MAX = 120;
export const VENDOR_STATUSES = ['active', 'suspended'] as const;
export const APPLICATION_STATUSES = ['pending', 'approved', 'rejected'] as const;

const text = (max: number, min = 1) =>
  z
    .string({ message: 'is required' })
    .trim()
    .min(min, min <= 1 ? 'is required' : `must be at least ${min} characters`)
    .max(max, `must be at most ${max} characters`);

const contactEmail = z
  .string({ message: 'is required' })
  .trim()
  .max(254, 'must be at most 254 characters')
  .pipe(z.email('must be a valid email address'));

/** Who sells a product: on every product, null for the house's own. */
export const VendorRef = z
  .object({ id: Uuid, slug: z.string(), name: z.string() })
  .meta({ id: 'VendorRef', description: 'the shop that sells it' });
export type VendorRef = z.infer<typeof VendorRef>;

/** `POST /api/vendors/apply`: a shopper asks to sell. */
export const VendorApplicationInput = z
  .object({
    shop_name: text(SHOP_NAME_MAX, 2),
    description: text(SHOP_DESCRIPTION_MAX, 10),
    contact_email: contactEmail,
    payout_reference: text(PAYOUT_REFERENCE_MAX, 4),
  })
  .meta({
    id: 'VendorApplicationInput',
    examples: [
      {
        shop_name: 'Fern & Loom',
        description: 'Hand-woven linen for the kitchen and the table.',
        contact_email: 'hello@fernandloom.example',
        payout_reference: 'IBAN DE89 3704 0044 0532 0130 00',
      },
    ],
  });
export type VendorApplicationInput = z.input<typeof VendorApplicationInput>;

export const VendorApplication = z
  .object({
    id: Uuid,
    user_id: Uuid,
    shop_name: z.string(),
    description: z.string(),
    contact_email: z.string(),
    payout_reference: z.string(),
    status: z.enum(APPLICATION_STATUSES),
    decision_reason: z.string(),
    decided_at: Timestamp.nullable(),
    created_at: Timestamp,
  })
  .meta({ id: 'VendorApplication' });
export type VendorApplication = z.infer<typeof VendorApplication>;

/** `GET /api/admin/vendor-applications?status&page`: the oldest first, so none waits forever. */
export const VendorApplicationQuery = z.object({
  status: z.enum(APPLICATION_STATUSES, { message: 'must be pending, approved or rejected' }).default('pending'),
  ...pageQuery,
});
export const VendorApplicationPage = pageOf(VendorApplication).meta({ id: 'VendorApplicationPage' });
export type VendorApplicationPage = z.infer<typeof VendorApplicationPage>;

/** `POST /api/admin/vendor-applications/:id/reject`: the reason, which the applicant sees. */
export const RejectionInput = z
  .object({ reason: z.string({ message: 'must be text' }).trim().max(500, 'must be at most 500 characters').default('') })
  .meta({ id: 'RejectionInput', examples: [{ reason: 'We could not reach you at that address.' }] });

/** A shop as everyone sees it. */
export const Vendor = VendorRef.extend({
  description: z.string(),
  logo_url: z.string().nullable(),
  status: z.enum(VENDOR_STATUSES),
  created_at: Timestamp,
}).meta({ id: 'Vendor' });
export type Vendor = z.infer<typeof Vendor>;

/** A shop as its vendor and admins see it: also how to reach and pay them. */
export const VendorAccount = Vendor.extend({ contact_email: z.string(), payout_reference: z.string() }).meta({ id: 'VendorAccount' });
export type VendorAccount = z.infer<typeof VendorAccount>;

/** `PATCH /api/vendors/me` (the vendor) and `PATCH /api/admin/vendors/:id` (an admin: also the status). */
export const VendorUpdate = z
  .object({
    name: text(SHOP_NAME_MAX, 2),
    description: text(SHOP_DESCRIPTION_MAX, 0),
    logo_url: z.string().trim().max(500).nullable(),
    contact_email: contactEmail,
    payout_reference: text(PAYOUT_REFERENCE_MAX, 4),
    status: z.enum(VENDOR_STATUSES, { message: 'must be active or suspended' }),
  })
  .partial()
  .refine((patch) => Object.values(patch).some((v) => v !== undefined), 'give at least one field to change')
  .meta({ id: 'VendorUpdate', examples: [{ description: 'Now with napkins.' }, { status: 'suspended' }] });
export type VendorUpdate = z.input<typeof VendorUpdate>;

export const VendorListQuery = z.object({ ...pageQuery });
export const VendorPage = pageOf(VendorAccount).meta({ id: 'VendorPage' });
export type VendorPage = z.infer<typeof VendorPage>;

export const VendorSlugParams = z.object({ slug: z.string().min(1).max(200).meta({ description: 'the shop’s slug' }) });
export const VendorIdParams = z.object({ id: Uuid.meta({ description: 'the vendor’s id (their user id)' }) });
export const ApplicationIdParams = z.object({ id: Uuid.meta({ description: 'the application’s id' }) });
export const MyApplication = z.object({ application: VendorApplication.nullable() }).meta({ id: 'MyApplication' });
