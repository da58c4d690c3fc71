#!/usr/bin/env bash
# Installs and starts what the test suite needs on a Debian machine. Safe to run again.
set -euo pipefail

need_cmd() { command -v "$1" >/dev/null 2>&1; }
apt_updated=false
apt_install() {
  if ! $apt_updated; then apt-get update -qq; apt_updated=true; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

need_cmd java || apt_install openjdk-17-jdk-headless
need_cmd gcc || apt_install gcc libc6-dev

# PostgreSQL and Redis serve the JDBC and Redis adapters' tests; start them when installed but stopped.
if need_cmd pg_ctlcluster && ! pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n 1)" main start || true
fi
if need_cmd redis-server && ! redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
  redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no \
    --dir /var/lib/redis --logfile /var/log/redis/ci.log || true
fi
