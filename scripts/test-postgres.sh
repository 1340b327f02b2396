#!/usr/bin/env bash
# A throwaway PostgreSQL server for the store tests, on 127.0.0.1 and a free port.
#
#   eval "$(scripts/test-postgres.sh start)"   # prints export lines: TEST_DATABASE_URL, …
#   npx jest test/store
#   scripts/test-postgres.sh stop              # stops it and deletes its folder
#
# The cluster lives in a temp folder (initdb), runs as the `postgres` OS user when started by
# root (initdb refuses root), listens on loopback only, has TLS on with a self-signed
# certificate (TEST_DATABASE_CA), and refuses the role `patbot_tls_only` without TLS, so the
# tests can provoke a real "TLS required" error (TLS needs openssl). Not for real data.
set -euo pipefail

find_bin() {
  if command -v initdb > /dev/null 2>&1 && command -v pg_ctl > /dev/null 2>&1; then
    dirname "$(readlink -f "$(command -v initdb)")"
    return
  fi
  local dir
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2> /dev/null | sort -V -r); do
    if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then
      echo "$dir"
      return
    fi
  done
  echo "test-postgres: no initdb/pg_ctl found; install PostgreSQL (apt-get install -y postgresql)" >&2
  exit 1
}

# Runs a command as the cluster's owner: `postgres` when we are root, else ourselves.
as_owner() {
  if [ "$(id -u)" = "0" ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close();});'
}

write_tls() {
  local dir="$1"
  openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=127.0.0.1" \
    -addext "subjectAltName=IP:127.0.0.1" \
    -keyout "$dir/server.key" -out "$dir/server.crt" > /dev/null 2>&1
  chmod 600 "$dir/server.key"
  chmod 644 "$dir/server.crt"
}

start() {
  local bin dir port password
  bin="$(find_bin)"
  dir="$(mktemp -d "${TMPDIR:-/tmp}/patbot-test-pg.XXXXXX")"
  chmod 755 "$dir"
  password="$(node -e 'console.log(require("crypto").randomBytes(16).toString("hex"))')"
  port="$(free_port)"
  mkdir -p "$dir/data" "$dir/socket"
  printf '%s\n' "$password" > "$dir/pwfile"
  local tls_opts="" ca=""
  if command -v openssl > /dev/null 2>&1; then
    write_tls "$dir"
    tls_opts="-c ssl=on -c ssl_cert_file=$dir/server.crt -c ssl_key_file=$dir/server.key"
    ca="$dir/server.crt"
  else
    echo "test-postgres: openssl missing, TLS off (the TLS tests will be skipped)" >&2
  fi
  if [ "$(id -u)" = "0" ]; then chown -R postgres: "$dir"; fi

  as_owner "$bin/initdb" -D "$dir/data" -U postgres --pwfile="$dir/pwfile" -E UTF8 --locale=C \
    --auth-local=trust --auth-host=scram-sha-256 > "$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; exit 1; }
  rm -f "$dir/pwfile"
  # First match wins: the TLS-only role is refused on a plain connection.
  as_owner sh -c "cat > '$dir/data/pg_hba.conf'" << 'EOF'
local     all  all                           trust
hostnossl all  patbot_tls_only  127.0.0.1/32 reject
host      all  all              127.0.0.1/32 scram-sha-256
EOF
  as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $dir/socket $tls_opts -c fsync=off -c max_connections=200" \
    > /dev/null || { cat "$dir/server.log" >&2; exit 1; }

  echo "export TEST_DATABASE_URL='postgres://postgres:${password}@127.0.0.1:${port}/postgres'"
  if [ -n "$ca" ]; then echo "export TEST_DATABASE_CA='$ca'"; fi
  echo "export PATBOT_TEST_PG_DIR='$dir'"
  echo "test-postgres: PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port (data in $dir)" >&2
}

stop() {
  local dir="${1:-${PATBOT_TEST_PG_DIR:-}}"
  if [ -z "$dir" ] || [ ! -d "$dir/data" ]; then
    echo "test-postgres: nothing to stop (set PATBOT_TEST_PG_DIR or pass the folder)" >&2
    return 0
  fi
  as_owner "$(find_bin)/pg_ctl" -D "$dir/data" -m fast -w stop > /dev/null 2>&1 || true
  rm -rf "$dir"
  echo "test-postgres: stopped and removed $dir" >&2
}

case "${1:-}" in
  start) start ;;
  stop) stop "${2:-}" ;;
  *)
    echo "usage: $0 start | stop [folder]" >&2
    exit 2
    ;;
esac
