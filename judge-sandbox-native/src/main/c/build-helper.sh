#!/bin/sh
# Compiles the helper from every C file next to the given main source, and records its SHA-256 next to it;
# the Java side refuses a helper whose digest differs from the recorded one.
set -eu
src="$1"
out_dir="$2"
mkdir -p "$out_dir"
gcc -std=gnu11 -O2 -Wall -Wextra -Werror -D_FORTIFY_SOURCE=2 -fstack-protector-strong -o "$out_dir/judge-helper" \
    "$(dirname "$src")"/*.c
sha256sum "$out_dir/judge-helper" | cut -d' ' -f1 > "$out_dir/judge-helper.sha256"
