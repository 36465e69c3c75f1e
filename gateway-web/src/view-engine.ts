import ejs from 'ejs';
import { VIEWS_DIR } from './static-assets.js';

type Render = (file: string, data: object, done: (err: Error | null, html?: string) => void) => void;

/**
 * EJS as Express's view engine, with the options Express cannot pass through: includes are written
 * from the views root ('/partials/head') so each one resolves without a file-system check (those
 * checks cost 5 % of the gateway's CPU on a listing page), and compiled templates are kept in
 * production.
 */
export function viewEngine(cache: boolean): Render {
  const options = { root: VIEWS_DIR, views: [VIEWS_DIR], cache };
  return (file, data, done) => {
    ejs.renderFile(file, data as ejs.Data, options, (err, html) => done(err, html));
  };
}
