#!/usr/bin/env bash
# One-time setup on a fresh machine of this kind: system packages (as root) and npm packages.
set -euo pipefail
cd "$(dirname "$0")/.."
need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
if [ ${#need_apt[@]} -gt 0 ] && [ "$(id -u)" = 0 ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi
# esbuild ships its binary in an optional dependency; its postinstall only verifies it.
npm ci --no-audit --no-fund --loglevel=error
# Real Node 20, 22, 24 and 26 for the differential tests, apart from the project (test/nodes/package.json says why).
npm ci --prefix test/nodes --no-audit --no-fund --loglevel=error
