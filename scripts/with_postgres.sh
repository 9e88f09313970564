#!/usr/bin/env bash
# Run a command with a throwaway PostgreSQL server, its URL in KHABAR_TEST_PG_URL.
#   scripts/with_postgres.sh CMD [ARGS...]
# When KHABAR_TEST_PG_URL is already set, the command runs against that server. When no server
# can be started (no root for apt-get, say), the command runs without one: the PostgreSQL
# tests then skip locally, and fail under CI=true, where a server is required.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
if [[ -n "${KHABAR_TEST_PG_URL:-}" ]]; then exec "$@"; fi
dir=$(mktemp -d /tmp/khabar-pg.XXXXXX)
if url=$("$here/pg_cluster.sh" start "$dir"); then
  trap '"$here/pg_cluster.sh" stop "$dir"' EXIT
  export KHABAR_TEST_PG_URL=$url
  echo "PostgreSQL test server: ${url%%:*}://…@${url##*@}" >&2
else
  rm -rf "$dir"
  echo "warning: could not start a PostgreSQL server; its tests will not run" >&2
fi
"$@"
