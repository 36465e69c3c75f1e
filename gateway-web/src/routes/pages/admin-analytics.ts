// The admin dashboard's figures from analytics-service: read for the page (which still renders
// without them), and each chart's CSV file streamed through.
import { HttpError } from '@dm/common/errors';
import type { ServiceClient } from '@dm/common/http-client';
import { DASHBOARD_CHARTS, type Dashboard, type DashboardChart } from '@dm/contracts/analytics';
import { Router } from 'express';
import { streamThrough } from '../../stream-through.js';
import { DASHBOARD_DAYS } from '../../view-models/admin-dashboard.js';

/** Long enough for a busy analytics database; the rest of the page waits no longer than this for it. */
const DASHBOARD_TIMEOUT_MS = 5_000;
const PASSED_HEADERS = ['content-type', 'content-disposition', 'cache-control'];

/** The dashboard's figures, or null when analytics-service cannot give them (the page says so). */
export async function readDashboard(analytics: ServiceClient, serviceToken: () => string): Promise<Dashboard | null> {
  try {
    return await analytics.call<Dashboard>('GET', '/internal/dashboard', {
      token: serviceToken(),
      query: { days: DASHBOARD_DAYS },
      timeoutMs: DASHBOARD_TIMEOUT_MS,
    });
  } catch (err) {
    if (err instanceof HttpError) return null;
    throw err;
  }
}

/** GET /admin/analytics/<chart>.csv (behind the admin guard of /admin). */
export function adminAnalyticsCsv(analytics: ServiceClient, serviceToken: () => string): Router {
  const router = Router();
  router.get('/admin/analytics/:chart.csv', async (req, res) => {
    const chart = String(req.params.chart);
    if (!DASHBOARD_CHARTS.includes(chart as DashboardChart)) throw new HttpError(404, 'There is no such chart.');
    const days = /^\d{1,3}$/.test(String(req.query.days ?? '')) ? String(req.query.days) : String(DASHBOARD_DAYS);
    const upstream = await analytics.raw(`/internal/dashboard/${chart}.csv`, { token: serviceToken(), query: { days } });
    if (upstream.status !== 200) {
      const body = (await upstream.json().catch(() => ({}))) as { detail?: string };
      throw new HttpError(upstream.status === 422 ? 422 : 503, body.detail ?? 'analytics unavailable');
    }
    streamThrough(upstream, res, PASSED_HEADERS);
  });
  return router;
}
