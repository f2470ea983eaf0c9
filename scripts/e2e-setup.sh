#!/usr/bin/env bash
# Installs what the VS Code tests need, from the npm registry and Debian only (VS Code's own
# download server is unreachable here, so @vscode/test-electron cannot be used):
#   - Debian: chromium (headless workbench), libkrb5-dev (code-server's kerberos module
#     builds against it), ripgrep (replaces @vscode/ripgrep's GitHub download)
#   - npm: code-server 4.100.3 (= VS Code 1.100.3, the last release that runs on Node 20)
# into $E2E_HOME (default .test-output/vscode-harness, outside git). Idempotent: a second run
# is a no-op apart from checks. Recipe and the reasons for each workaround:
# /work/shared/vscode-e2e/README.md (install gotchas 1-5).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
H=${E2E_HOME:-$root/.test-output/vscode-harness}
CS_VERSION=4.100.3
t() { echo "[e2e-setup $(date +%T)] $*"; }

need_apt=()
command -v chromium >/dev/null || need_apt+=(chromium)
command -v rg >/dev/null || need_apt+=(ripgrep)
[ -f /usr/include/krb5.h ] || [ -f /usr/include/krb5/krb5.h ] || need_apt+=(libkrb5-dev)
if [ ${#need_apt[@]} -gt 0 ]; then
  t "apt-get install ${need_apt[*]}"
  apt-get -o DPkg::Lock::Timeout=900 update -qq
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=900 install -y -qq "${need_apt[@]}" >/dev/null
fi

if [ -x "$H/cs/node_modules/.bin/code-server" ] && grep -q "\"version\": \"$CS_VERSION\"" "$H/cs/node_modules/code-server/package.json"; then
  t "code-server $CS_VERSION already in $H"
  exit 0
fi

mkdir -p "$H"/{cs,tmp,rgpkg}
# @vscode/ripgrep 1.15.11 looks for its release asset in $TMPDIR/vscode-ripgrep-cache-<pkg>
# before downloading from GitHub: seed it with Debian's rg so nothing is fetched.
cp "$(command -v rg)" "$H/rgpkg/rg"
mkdir -p "$H/tmp/vscode-ripgrep-cache-1.15.11"
tar czf "$H/tmp/vscode-ripgrep-cache-1.15.11/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" -C "$H/rgpkg" rg

t "npm install code-server@$CS_VERSION into $H/cs"
cd "$H/cs"
[ -f package.json ] || echo '{"name":"async-timeline-vscode-harness","private":true}' > package.json
# unsafe_perm: code-server's postinstall refuses to run as root without it.
# yes: node-pty's postinstall runs `npx node-gyp`, which otherwise waits for a prompt.
TMPDIR="$H/tmp" npm_config_unsafe_perm=true npm_config_yes=true \
  npm install --no-audit --no-fund "code-server@$CS_VERSION" >"$H/npm-install.log" 2>&1 \
  || { tail -40 "$H/npm-install.log"; exit 1; }
t "done"
