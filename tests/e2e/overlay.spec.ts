import { expect, openApp, test, waitForMapIdle } from './fixtures';

test('conflicts stand out: the list filters, zooms to a parcel, and the inspector gives the numbers', async ({
  page,
}) => {
  await openApp(page);
  const list = page.getByTestId('conflict-list');
  await page.getByTestId('filter-conflict').click();
  await expect(page.getByTestId('filter-conflict')).toHaveAttribute('aria-pressed', 'true');
  const rows = list.getByTestId('conflict-row');
  await expect(rows.first()).toBeVisible();
  const count = await rows.count();
  expect(count).toBeGreaterThanOrEqual(3);
  await expect(rows.first()).toContainText('冲突');
  await rows.first().click();
  await waitForMapIdle(page);
  const checks = page.getByTestId('overlay-checks');
  await expect(checks).toBeVisible();
  await expect(checks.locator('tr.serious', { hasText: '冲突' }).first()).toBeVisible();
  // The overlapping pieces of the selected parcel are drawn.
  await expect
    .poll(() => page.evaluate(() => window.__landstock.selectedPieceRoles().length))
    .toBeGreaterThan(0);

  await page.getByTestId('filter-outside').click();
  await expect(rows.first()).toContainText('超出');
});
