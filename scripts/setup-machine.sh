#!/usr/bin/env bash
# Installs and starts what the test suite needs on a Debian machine. Safe to run again.
set -euo pipefail

need_cmd() { command -v "$1" >/dev/null 2>&1; }
apt_updated=false
apt_install() {
  if ! $apt_updated; then apt-get update -qq; apt_updated=true; fi
  # Waits for another apt run to finish instead of failing at once on its lock.
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq -o DPkg::Lock::Timeout=600 "$@" >/dev/null
}
# The sandboxes see the host's /usr, /bin and /lib read-only, not ~/.cargo, /opt or this shell's PATH: a
# toolchain counts as present only where they find it.
usr_has() { [ -x "/usr/bin/$1" ]; }

usr_has java && usr_has javac || apt_install openjdk-17-jdk-headless
usr_has gcc || apt_install gcc libc6-dev
# The Docker sandbox's runner is linked statically: gcc needs libc.a (libc6-dev, only recommended by gcc).
[ "$(gcc -print-file-name=libc.a)" != libc.a ] || apt_install libc6-dev
# The judge-core tests judge real programs in every default language through a process runner that wraps
# commands with GNU time and prlimit; the sandboxes' language tests run them in both sandboxes.
usr_has g++ || apt_install g++
usr_has python3 || apt_install python3
usr_has node || apt_install nodejs
# A rustc from rustup (~/.cargo/bin) is invisible to the sandboxes: install Debian's beside it.
usr_has rustc || apt_install rustc cargo
usr_has go || apt_install golang-go
usr_has ruby || apt_install ruby
usr_has php || apt_install php-cli
usr_has mcs && usr_has mono || apt_install mono-mcs mono-runtime
usr_has kotlinc || apt_install kotlin
usr_has fpc || apt_install fp-compiler
usr_has ghc || apt_install ghc
usr_has lua5.4 && usr_has luac5.4 || apt_install lua5.4
usr_has perl || apt_install perl
usr_has bash || apt_install bash
usr_has tsc || apt_install node-typescript
[ -x /usr/bin/time ] || apt_install time
[ -x /usr/bin/prlimit ] || apt_install util-linux
# Network mode of the native sandbox: the box's own network namespace behind slirp4netns (passt's pasta is the
# alternative user-mode stack), confined by nftables rules loaded with nft.
usr_has slirp4netns && usr_has pasta || apt_install slirp4netns passt
[ -x /usr/sbin/nft ] || apt_install nftables
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

# Each sandboxed run moves into its box's cgroups; without favordynmods on a cgroup2 mount such a move after a
# pause waits for an RCU grace period (5 to 20 ms here), which the first run of every submission pays. The
# option is host-wide, whichever hierarchy the boxes use (docs/architecture.md, "Moves into cgroups").
cg2=$(awk '$3 == "cgroup2" { print $2; exit }' /proc/mounts)
if [ -n "$cg2" ] && ! awk -v m="$cg2" '$2 == m' /proc/mounts | grep -q favordynmods; then
  mount -o remount,favordynmods "$cg2" || echo "setup-machine: cannot set favordynmods on $cg2" >&2
fi

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
# Debian's Compose: the deployment test validates judge-demo-app/deploy/docker-compose.yml with 'config'
need_cmd docker-compose || apt_install docker-compose
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
