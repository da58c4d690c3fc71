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
# The Docker sandbox's runner is linked statically: gcc needs libc.a (libc6-dev, only recommended by gcc).
[ "$(gcc -print-file-name=libc.a)" != libc.a ] || apt_install libc6-dev
# The judge-core tests judge real programs in every default language through a process runner that wraps
# commands with GNU time and prlimit.
need_cmd g++ || apt_install g++
need_cmd python3 || apt_install python3
need_cmd node || apt_install nodejs
need_cmd rustc || apt_install rustc
[ -x /usr/bin/time ] || apt_install time
[ -x /usr/bin/prlimit ] || apt_install util-linux
# bubblewrap: the native sandbox's benchmark compares against it (judge-sandbox-native, -Pbench)
need_cmd bwrap || apt_install bubblewrap

# The native sandbox's rootless tests (RootlessTest) run a JVM as the system user judge-rootless, whose
# helper maps its box ids through newuidmap/newgidmap (package uidmap) from the user's subordinate range.
# The range lies above what useradd hands out (SUB_UID_MAX 600100000). The test creates the user's
# delegated cgroups itself, per run.
need_cmd newuidmap && need_cmd newgidmap || apt_install uidmap
id judge-rootless >/dev/null 2>&1 || useradd --system --user-group --no-create-home --home-dir /nonexistent \
  --shell /usr/sbin/nologin judge-rootless
grep -q '^judge-rootless:' /etc/subuid 2>/dev/null || usermod --add-subuids 700000000-700065535 judge-rootless
grep -q '^judge-rootless:' /etc/subgid 2>/dev/null || usermod --add-subgids 700000000-700065535 judge-rootless

# Chromium and its chromedriver: the demo server's web page tests drive them (judge-demo-app, web.ui).
[ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ] || apt_install chromium chromium-driver

# PostgreSQL and Redis serve the JDBC and Redis adapters' tests; start them when installed but stopped.
if need_cmd pg_ctlcluster && ! pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n 1)" main start || true
fi
if need_cmd redis-server && ! redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
  redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no \
    --dir /var/lib/redis --logfile /var/log/redis/ci.log || true
fi

# Docker engine for the Docker sandbox's tests: install when absent, start dockerd when its socket does
# not answer (in the background, logging to a file). The sandbox builds its runtime image itself when it
# is missing (scripts/build-docker-image.sh builds it ahead of time).
need_cmd dockerd || apt_install docker.io
if ! docker version >/dev/null 2>&1; then
  # A dockerd that is still shutting down holds its pid file; a new one would refuse to start.
  for _ in $(seq 1 30); do
    [ -f /var/run/docker.pid ] && kill -0 "$(cat /var/run/docker.pid)" 2>/dev/null || break
    sleep 1
  done
  nohup dockerd >/var/log/dockerd.log 2>&1 &
  for _ in $(seq 1 60); do
    docker version >/dev/null 2>&1 && break
    sleep 1
  done
  docker version >/dev/null 2>&1 || { echo "dockerd did not start; see /var/log/dockerd.log" >&2; exit 1; }
fi
