// A shopper whose order was delivered reviews the product on its page, and the stars show on the
// product's card. The scene (a product, a paid order, its delivery) is set through the API.
import { expect, test } from '@playwright/test';
import { newShopper, signInWithToken } from './accounts.js';
import { uniqueSuffix } from './files.js';
import { shoot } from './screenshots.js';
import { createProduct, markDelivered, placePaidOrder, putInCart, removeProducts } from './shop-api.js';

test('a buyer of a delivered order reviews the product, and its card shows the stars', async ({ page, context, request, baseURL }) => {
  const name = `Reviewed Kettle ${uniqueSuffix()}`;
  const product = await createProduct(request, {
    sku: `REV-${uniqueSuffix()}`,
    name,
    price: '24.00',
    stock: 5,
    description: 'Boils water.',
  });
  try {
    const shopper = await newShopper(request, 'reviewer');
    await putInCart(request, shopper.token, product.id);
    await markDelivered(request, await placePaidOrder(request, shopper.token));
    await signInWithToken(context, baseURL!, shopper.token);

    await page.goto(`/products/${product.slug}`);
    const reviews = page.getByRole('region', { name: 'Reviews', exact: true });
    await expect(reviews).toContainText('No reviews yet.');
    await reviews.getByRole('radio', { name: '4 stars' }).check();
    await reviews.getByLabel('Title').fill('Quick and quiet');
    await reviews.getByLabel('Your review').fill('Boils a litre in three minutes.\n\nThe lid could close more firmly.');
    await reviews.getByRole('button', { name: 'Post review' }).click();

    await expect(page.getByRole('status').filter({ hasText: 'Thank you: your review is posted.' })).toBeVisible();
    await expect(reviews.getByRole('heading', { name: 'Quick and quiet' })).toBeVisible();
    await expect(reviews.getByRole('img', { name: 'Rated 4.0 out of 5' }).first()).toBeVisible();
    await expect(reviews.getByRole('list', { name: 'Reviews by stars' })).toContainText('4 stars');
    await expect(reviews).toContainText('By Sam S. (you)');
    await shoot(page, 'reviews-product');

    // The rating reaches the catalog through review-service's outbox; the listing's cache lives 2 s.
    const card = page.locator('.product-card').filter({ hasText: name });
    await expect(async () => {
      await page.goto(`/products?q=${encodeURIComponent(name)}`);
      await expect(card.getByRole('img', { name: 'Rated 4.0 out of 5' })).toBeVisible({ timeout: 500 });
    }).toPass({ timeout: 10_000 });
    await expect(card).toContainText('(1 review)');
  } finally {
    await removeProducts(request, [product.id]);
  }
});
