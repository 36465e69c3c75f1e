import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ADMIN, type GatewayStack, startGatewayStack, TestBrowser } from '../../testing.js';

let stack: GatewayStack;
let categoryId = '';

before(async () => {
  stack = await startGatewayStack();
  const db = stack.catalogDb.db;
  const category = await db.insertInto('categories').values({ name: 'Kitchen', slug: 'kitchen' }).returning('id').executeTakeFirstOrThrow();
  categoryId = category.id;
  const product = await db
    .insertInto('products')
    .values({
      sku: 'KIT-001',
      slug: 'cast-iron-pan',
      name: 'Cast Iron Pan',
      description: 'Heavy and even.',
      price: '34.90',
      stock: 3,
      is_featured: true,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.insertInto('product_categories').values({ product_id: product.id, category_id: category.id }).execute();
});

after(async () => {
  await stack.stop();
});

describe('shop pages', () => {
  it('renders the home page with featured products and categories', async () => {
    const page = await new TestBrowser(stack.url).get('/');
    assert.equal(page.status, 200);
    assert.match(page.html, /Cast Iron Pan/);
    assert.match(page.html, /\$34\.90/);
    assert.match(page.html, /href="\/products\?category=kitchen"/);
    assert.match(page.html, /\/static\/bootstrap\/css\/bootstrap\.min\.css/);
  });

  it('lists, filters and shows a product page', async () => {
    const browser = new TestBrowser(stack.url);
    assert.match((await browser.get('/products?q=iron')).html, /Cast Iron Pan/);
    // A search that finds nothing shows popular products instead, after saying so: the pan may be one.
    const none = (await browser.get('/products?q=nothing-like-this')).html;
    assert.match(none, /No products match/);
    assert.doesNotMatch(none.split('id="popular-title"')[0]!, /Cast Iron Pan/);
    assert.match((await browser.get('/products?category=kitchen&max_price=40')).html, /Cast Iron Pan/);
    const detail = await browser.get('/products/cast-iron-pan');
    assert.equal(detail.status, 200);
    assert.match(detail.html, /Only 3 left/);
    assert.match(detail.html, /KIT-001/);
  });

  it('shows the shop’s own 404 page for an unknown product and an unknown path', async () => {
    const browser = new TestBrowser(stack.url);
    for (const path of ['/products/no-such-thing', '/no/such/page']) {
      const page = await browser.get(path);
      assert.equal(page.status, 404);
      assert.match(page.html, /Digital<span class="brand-accent">Marketplace/);
      assert.doesNotMatch(page.html, /\bat .*\.js:\d+/);
    }
  });

  it('answers a malformed address with a friendly 400 page, never a stack trace', async () => {
    const page = await new TestBrowser(stack.url).get('/products/%E0%A4%A');
    assert.equal(page.status, 400);
    assert.doesNotMatch(page.html, /URIError|\.js:\d+/);
  });

  it('still renders when catalog-service is down, and says so', async () => {
    const orphan = await stack.startGateway({ catalogUrl: 'http://127.0.0.1:9' });
    const browser = new TestBrowser(orphan.url);
    const home = await browser.get('/');
    assert.equal(home.status, 503);
    assert.match(home.html, /catalog is unavailable/i);
    const list = await browser.get('/products');
    assert.equal(list.status, 503);
    assert.match(list.html, /catalog is unavailable/i);
    const login = await browser.get('/login');
    assert.equal(login.status, 200, 'pages that need no catalog keep working');
  });

  it('sends security headers and hides the framework', async () => {
    const res = await fetch(`${stack.url}/`);
    assert.ok(res.headers.get('content-security-policy')?.includes("default-src 'self'"));
    assert.equal(res.headers.get('x-powered-by'), null);
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
  });
});

describe('accounts', () => {
  it('registers through the form and lands signed in', async () => {
    const browser = new TestBrowser(stack.url);
    await browser.get('/register');
    const res = await browser.post('/register', {
      full_name: 'Pat Page',
      email: 'pat@example.com',
      password: 'pat-password',
      password_confirm: 'pat-password',
      next: '/',
    });
    assert.equal(res.status, 302);
    assert.ok(browser.cookie('access_token'));
    assert.match((await browser.get('/account')).html, /pat@example\.com/);
  });

  it('shows field messages for a bad registration and keeps what was typed', async () => {
    const browser = new TestBrowser(stack.url);
    await browser.get('/register');
    const res = await browser.post('/register', {
      full_name: 'Pat Again',
      email: 'pat@example.com',
      password: 'pat-password',
      password_confirm: 'pat-password',
    });
    assert.equal(res.status, 409);
    assert.match(res.html, /already exists/);
    assert.match(res.html, /value="Pat Again"/);
  });

  it('refuses a wrong password with a message, not a crash', async () => {
    const browser = new TestBrowser(stack.url);
    await browser.get('/login');
    const res = await browser.post('/login', { email: 'pat@example.com', password: 'wrong-password' });
    assert.equal(res.status, 401);
    assert.match(res.html, /Incorrect email or password/);
  });

  it('refuses a form posted without its CSRF token', async () => {
    const browser = new TestBrowser(stack.url);
    await browser.get('/login');
    const res = await browser.post('/login', { _csrf: '', email: ADMIN.email, password: ADMIN.password });
    assert.equal(res.status, 403);
    assert.match(res.html, /form has expired/);
    assert.equal(browser.cookie('access_token'), undefined);
  });

  it('gives the session a new id at login (no fixation)', async () => {
    const browser = new TestBrowser(stack.url);
    await browser.get('/login');
    const before = browser.cookie('sid');
    assert.ok(before);
    await browser.post('/login', { email: ADMIN.email, password: ADMIN.password, next: '/' });
    assert.notEqual(browser.cookie('sid'), before);
  });

  it('signs out through the form', async () => {
    const browser = new TestBrowser(stack.url);
    await browser.login('pat@example.com', 'pat-password');
    await browser.get('/');
    const res = await browser.post('/logout', {});
    assert.equal(res.status, 302);
    assert.equal(browser.cookie('access_token'), undefined);
  });
});

describe('admin pages', () => {
  it('sends a guest to the login page and back to /admin afterwards', async () => {
    const browser = new TestBrowser(stack.url);
    const first = await browser.get('/admin/products');
    assert.equal(first.status, 302);
    assert.equal(first.location, '/login?next=%2Fadmin%2Fproducts');
    await browser.get(first.location!);
    const login = await browser.post('/login', { email: ADMIN.email, password: ADMIN.password, next: '/admin/products' });
    assert.equal(login.location, '/admin/products');
    assert.equal((await browser.get('/admin/products')).status, 200);
  });

  it('never redirects off-site after login', async () => {
    const browser = new TestBrowser(stack.url);
    await browser.get('/login');
    const res = await browser.post('/login', { email: ADMIN.email, password: ADMIN.password, next: '//evil.example/' });
    assert.equal(res.location, '/');
  });

  it('shows a shopper a 403 page at /admin', async () => {
    const browser = new TestBrowser(stack.url);
    await browser.login('pat@example.com', 'pat-password');
    for (const path of ['/admin', '/admin/products', '/admin/products/new']) {
      const page = await browser.get(path);
      assert.equal(page.status, 403, path);
      assert.match(page.html, /for shop administrators/);
    }
  });

  it('creates, edits, restocks and deactivates a product through the forms', async () => {
    const admin = new TestBrowser(stack.url);
    await admin.login(ADMIN.email, ADMIN.password);
    await admin.get('/admin/products/new');
    const created = await admin.post('/admin/products', {
      sku: 'kit-002',
      name: 'Chef Knife',
      description: 'Sharp.',
      price: '59.00',
      stock: '12',
      tags: 'knife, steel',
      category_ids: [categoryId],
      is_active: 'on',
    });
    assert.equal(created.status, 302);
    const row = await stack.catalogDb.db.selectFrom('products').selectAll().where('sku', '=', 'KIT-002').executeTakeFirstOrThrow();
    assert.equal(row.price, '59.00');
    assert.deepEqual(row.tags, ['knife', 'steel']);
    assert.match((await new TestBrowser(stack.url).get('/products?category=kitchen')).html, /Chef Knife/);

    await admin.get(`/admin/products/${row.id}/edit`);
    const edited = await admin.post(`/admin/products/${row.id}`, {
      sku: 'KIT-002',
      name: 'Chef Knife 8in',
      description: 'Sharp.',
      price: '64.00',
      stock: '12',
      category_ids: [categoryId],
      is_active: 'on',
    });
    assert.equal(edited.status, 302);

    await admin.get('/admin/products');
    assert.equal((await admin.post(`/admin/products/${row.id}/stock`, { stock: '0' })).status, 302);
    assert.equal((await admin.post(`/admin/products/${row.id}/deactivate`, {})).status, 302);
    const after = await stack.catalogDb.db.selectFrom('products').selectAll().where('id', '=', row.id).executeTakeFirstOrThrow();
    assert.equal(after.name, 'Chef Knife 8in');
    assert.equal(after.price, '64.00');
    assert.equal(after.stock, 0);
    assert.equal(after.is_active, false);
    assert.equal((await new TestBrowser(stack.url).get('/products/chef-knife')).status, 404);
  });

  it('shows field messages when the product form is wrong', async () => {
    const admin = new TestBrowser(stack.url);
    await admin.login(ADMIN.email, ADMIN.password);
    await admin.get('/admin/products/new');
    const res = await admin.post('/admin/products', { sku: 'KIT-001', name: 'Dup', price: '1.00', stock: '1' });
    assert.equal(res.status, 409);
    assert.match(res.html, /KIT-001/);
    await admin.get('/admin/products/new');
    const bad = await admin.post('/admin/products', { sku: 'NEW-1', name: '', price: 'abc', stock: '-3' });
    assert.equal(bad.status, 422);
    assert.match(bad.html, /is-invalid/);
    assert.match(bad.html, /value="NEW-1"/);
  });
});

describe('cart pages', () => {
  it('keeps a guest’s cart in the session and merges it at sign-in, saying what was capped', async () => {
    const db = stack.catalogDb.db;
    const product = await db
      .insertInto('products')
      .values({ sku: 'KIT-CAP', slug: 'capped-kettle', name: 'Capped Kettle', price: '20.00', stock: 3 })
      .returning('id')
      .executeTakeFirstOrThrow();

    // A shopper already holds 2 in their cart from another device.
    const shopper = new TestBrowser(stack.url);
    await shopper.get('/register');
    await shopper.post('/register', {
      full_name: 'Merge Me',
      email: 'merge@example.com',
      password: 'merge-password',
      password_confirm: 'merge-password',
    });
    await shopper.get('/products/capped-kettle');
    assert.equal((await shopper.post('/cart/items', { product_id: product.id, quantity: '2' })).location, '/cart');

    // As a guest on this device they add 2 more, then sign in: 4 wanted, 3 in stock.
    const guest = new TestBrowser(stack.url);
    await guest.get('/products/capped-kettle');
    await guest.post('/cart/items', { product_id: product.id, quantity: '2', back: '/products/capped-kettle' });
    const guestCart = await guest.get('/cart');
    assert.match(guestCart.html, /Capped Kettle/);
    assert.match(guestCart.html, /Sign in to check out/);
    await guest.get('/login');
    await guest.post('/login', { email: 'merge@example.com', password: 'merge-password', next: '/cart' });
    const merged = await guest.get('/cart');
    assert.match(merged.html, /only 3 could go in your cart \(capped at stock\)/);
    assert.match(merged.html, /value="3"/);
    assert.match(merged.html, /\$60\.00/);
  });

  it('refuses more than the stock for a guest, on the product page it came from', async () => {
    const product = await stack.catalogDb.db
      .insertInto('products')
      .values({ sku: 'KIT-FEW', slug: 'few-forks', name: 'Few Forks', price: '5.00', stock: 1 })
      .returning('id')
      .executeTakeFirstOrThrow();
    const guest = new TestBrowser(stack.url);
    await guest.get('/products/few-forks');
    const res = await guest.post('/cart/items', { product_id: product.id, quantity: '2', back: '/products/few-forks' });
    assert.equal(res.location, '/products/few-forks');
    assert.match((await guest.get('/products/few-forks')).html, /only 1 of “Few Forks” left/);
  });
});

describe('checkout pages', () => {
  it('a double submit of the checkout form makes one order', async () => {
    const product = await stack.catalogDb.db
      .insertInto('products')
      .values({ sku: 'KIT-DBL', slug: 'double-dish', name: 'Double Dish', price: '12.00', stock: 5 })
      .returning('id')
      .executeTakeFirstOrThrow();
    const shopper = new TestBrowser(stack.url);
    await shopper.get('/register');
    await shopper.post('/register', {
      full_name: 'Dee Double',
      email: 'double@example.com',
      password: 'double-password',
      password_confirm: 'double-password',
    });
    await shopper.get('/products/double-dish');
    await shopper.post('/cart/items', { product_id: product.id, quantity: '1' });
    const page = await shopper.get('/checkout');
    const key = /name="checkout_key" value="([^"]+)"/.exec(page.html)![1]!;
    const form = {
      checkout_key: key,
      full_name: 'Dee Double',
      line1: '1 Click Lane',
      city: 'Twiceton',
      postal_code: '12345',
      country: 'Testland',
      phone: '+1 555 123 4567',
      card_number: '4242 4242 4242 4242',
      exp_month: '12',
      exp_year: String(new Date().getFullYear() + 1),
      cvc: '123',
    };
    const [first, second] = await Promise.all([shopper.post('/checkout', form), shopper.post('/checkout', form)]);
    assert.equal(first.status, 302);
    assert.equal(second.location, first.location);
    const orders = await stack.ordersDb.db
      .selectFrom('orders')
      .select(['id', 'status'])
      .where('customer_email', '=', 'double@example.com')
      .execute();
    assert.equal(orders.length, 1);
    assert.equal(first.location, `/orders/${orders[0]!.id}`);
    const detail = await shopper.get(first.location!);
    assert.match(detail.html, /Paid/);
  });
});

describe('sessions', () => {
  // express-session stores a new session exactly when it sends its cookie.
  const startsSession = (res: Response) => res.headers.getSetCookie().some((c) => c.startsWith('sid='));

  it('starts no session for an anonymous visitor who only browses', async () => {
    for (const path of ['/', '/products', '/products?q=pan', '/products/cast-iron-pan', '/no/such/page']) {
      const res = await fetch(`${stack.url}${path}`);
      await res.arrayBuffer();
      assert.equal(startsSession(res), path === '/products/cast-iron-pan', path);
    }
  });

  it('starts one for a page with a form, and stores it', async () => {
    const res = await fetch(`${stack.url}/login`);
    await res.arrayBuffer();
    assert.ok(startsSession(res));
    // The cookie holds "s:<id>.<signature>", URL-encoded.
    const cookie = decodeURIComponent(/sid=([^;]+)/.exec(res.headers.getSetCookie().join(';'))![1]!);
    const sid = cookie.slice(2, cookie.lastIndexOf('.'));
    const stored = async () =>
      (await stack.gatewayDb.db.selectFrom('session').select('sid').where('sid', '=', sid).executeTakeFirst()) !== undefined;
    // The write lands just after the answer is sent: wait for it, with a deadline.
    const deadline = Date.now() + 5000;
    while (!(await stored())) {
      assert.ok(Date.now() < deadline, 'the session was stored');
      await new Promise((resolve) => setImmediate(resolve));
    }
  });
});
