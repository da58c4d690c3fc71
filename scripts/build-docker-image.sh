#!/usr/bin/env bash
# Builds the Docker sandbox's runtime image ahead of time, without a registry. The sandbox builds it by
# itself at start when it is missing (DockerSandbox.Builder.buildImageIfMissing, on by default); this is
# for building it before the first start, under another name, or over an image built some other way.
#
# The build is the module's own Java builder, dev.judge.sandbox.docker.RuntimeImage: a minimal root
# filesystem (folders, /etc/passwd with unprivileged users, the statically linked runner compiled by the
# Maven build) written as a tar stream and imported through the engine's API, labelled with the tar's
# digest so that an unchanged image is not built again; untagged runtime images it replaced are removed.
# The image holds no toolchain: the sandbox bind-mounts the host's /usr (and the few /etc entries
# toolchains read) read-only at run time. Its top-level /bin, /lib, /lib64, /sbin mirror this machine, so
# build it on the engine's host.
#
# Usage: scripts/build-docker-image.sh [image]   (default judge-runtime:latest; env JUDGE_DOCKER_IMAGE,
#        JUDGE_DOCKER_UID_BASE (default 61000), DOCKER_HOST; MAVEN_ARGS=-o builds offline)
# Needs Java 17, gcc with a static libc (Debian: libc6-dev) and a running Docker engine. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

image="${1:-${JUDGE_DOCKER_IMAGE:-judge-runtime:latest}}"
classpath_file="$(mktemp)"
trap 'rm -f "$classpath_file"' EXIT

# Compiles the module (and the runner) and writes its runtime classpath; the Docker module is the last
# module of the reactor, so its classpath is the one left in the file.
./mvnw -q -B -ntp -pl judge-sandbox-docker -am -DskipTests package dependency:build-classpath \
  -Dmdep.outputFile="$classpath_file" -DincludeScope=runtime
java -Dslf4j.internal.verbosity=ERROR \
  -cp "judge-sandbox-docker/target/classes:$(cat "$classpath_file")" \
  dev.judge.sandbox.docker.RuntimeImage "$image"
