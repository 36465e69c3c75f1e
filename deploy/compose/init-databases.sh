#!/bin/sh
# Run by the postgres image once, when it initialises an empty data volume (mounted into
# /docker-entrypoint-initdb.d by docker-compose.yml). One login role per service, named like its
# database and owning only that database: no service can read another's tables, and none is a
# superuser. The passwords come from .env through the postgres container's environment.
# Changing a password later: ALTER ROLE <name> PASSWORD '…' (this script does not run again).
set -eu

create() {
  # psql variables (:"name", :'password') quote the values, whatever they hold.
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres -v name="$1" -v password="$2" <<'SQL'
CREATE ROLE :"name" LOGIN PASSWORD :'password';
CREATE DATABASE :"name" OWNER :"name";
-- Only its owner (and the superuser) may connect: PUBLIC's default CONNECT is taken away.
REVOKE ALL ON DATABASE :"name" FROM PUBLIC;
SQL
}

create auth "$AUTH_DB_PASSWORD"
create catalog "$CATALOG_DB_PASSWORD"
create cart "$CART_DB_PASSWORD"
create orders "$ORDERS_DB_PASSWORD"
create payments "$PAYMENTS_DB_PASSWORD"
create notifications "$NOTIFICATIONS_DB_PASSWORD"
create reviews "$REVIEWS_DB_PASSWORD"
create analytics "$ANALYTICS_DB_PASSWORD"
create gateway "$GATEWAY_DB_PASSWORD"
