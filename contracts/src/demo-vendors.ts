// The demo marketplace's three shops, known to two services: auth-service makes their owners'
// accounts and catalog-service their shops, with the same ids (a vendor's id is their user id), so
// `npm start` opens on a marketplace whose vendors can sign in. Never seeded in production.

export interface DemoVendor {
  id: string;
  email: string;
  owner: string;
  shop: string;
  description: string;
  /** the demo categories (catalog-data's codes, "KIT" as in HOME-KIT-001) whose products it sells */
  categories: readonly string[];
}

/** The demo vendors' shared password: printed by `npm start`, like the demo admin's. */
export const DEMO_VENDOR_PASSWORD = 'vendor-password-1';

export const DEMO_VENDORS: readonly DemoVendor[] = [
  {
    id: '7d0f3c52-5b1e-4f3a-9a61-1c2b3d4e5f01',
    email: 'kitchen@example.com',
    owner: 'Rosa Marin',
    shop: 'Marin Kitchen Co.',
    description: 'Cookware and tableware we use in our own kitchen, shipped from Valencia.',
    categories: ['KIT'],
  },
  {
    id: '7d0f3c52-5b1e-4f3a-9a61-1c2b3d4e5f02',
    email: 'trail@example.com',
    owner: 'Ben Okafor',
    shop: 'Trailhead Outfitters',
    description: 'Kit for camping and cycling, tested on real trails before it is listed.',
    categories: ['CAM', 'CYC'],
  },
  {
    id: '7d0f3c52-5b1e-4f3a-9a61-1c2b3d4e5f03',
    email: 'pages@example.com',
    owner: 'Ida Lund',
    shop: 'Lund & Pages',
    description: 'An independent bookshop: fiction, non-fiction and books for children.',
    categories: ['FIC', 'NON', 'KID'],
  },
];
