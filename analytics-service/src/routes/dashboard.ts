import { HttpError } from '@dm/common/errors';
import { parse } from '@dm/common/validation';
import { DASHBOARD_CHARTS, type DashboardChart, DashboardQuery } from '@dm/contracts/analytics';
import { Router } from 'express';
import type { Kysely } from 'kysely';
import { dashboard } from '../dashboard.js';
import { chartCsv } from '../dashboard-csv.js';
import type { Database } from '../db.js';

/** The gateway's admin dashboard: everything in one answer, and each chart's figures as CSV. */
export function dashboardRoutes(db: Kysely<Database>): Router {
  const router = Router();

  router.get('/internal/dashboard', async (req, res) => {
    const { days } = parse(DashboardQuery, req.query);
    res.json(await dashboard(db, days));
  });

  router.get('/internal/dashboard/:chart.csv', async (req, res) => {
    const chart = req.params.chart as DashboardChart;
    if (!DASHBOARD_CHARTS.includes(chart)) throw new HttpError(404, `no chart named ${chart}; charts: ${DASHBOARD_CHARTS.join(', ')}`);
    const { days } = parse(DashboardQuery, req.query);
    const figures = await dashboard(db, days);
    res
      .status(200)
      .set({
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="${chart}-${figures.from}-to-${figures.to}.csv"`,
        'cache-control': 'no-store',
      })
      .send(chartCsv(figures, chart));
  });

  return router;
}
