#!/bin/sh
# Compiles the runner (every .c file in the given folder) statically (the runtime image has no libc) and
# records its SHA-256 next to it; the image builder refuses a runner whose digest differs from the recorded one.
# The third argument is the native sandbox's syscall-filter.c, whose allowlist the runner installs too (one list
# for both sandboxes).
set -eu
src_dir="$1"
out_dir="$2"
filter="$3"
mkdir -p "$out_dir"
gcc -static -O2 -Wall -Wextra -Werror -Wno-format-truncation ${JUDGE_HELPER_CFLAGS:-} -I"$(dirname "$filter")" \
    -o "$out_dir/runner" "$src_dir"/*.c "$filter"
sha256sum "$out_dir/runner" | cut -d' ' -f1 > "$out_dir/runner.sha256"
