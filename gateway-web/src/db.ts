import type { ColumnType } from 'kysely';

/** The gateway keeps no domain data: only sessions (connect-pg-simple's table). */
export interface SessionTable {
  sid: string;
  sess: ColumnType<unknown, string, string>;
  expire: Date;
}

export interface Database {
  session: SessionTable;
}
