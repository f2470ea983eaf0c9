#!/usr/bin/env bash
# The VS Code lane, in a real VS Code (code-server 4.100.3 = VS Code 1.100.3) driven by headless
# Chromium (see scripts/e2e-setup.sh for why not @vscode/test-electron):
#   1. the mocha integration suite inside the extension host, extension loaded from this folder;
#   2. the UI walk (test/vscode/drive.mjs) against the packaged .vsix, installed with
#      `code-server --install-extension`, screenshots in .test-output/screenshots/vscode-*.png.
# Usage: bash test/vscode/e2e.sh [--integration-only|--ui-only]    (npm run test:e2e / test:vscode)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
mode=${1:-all}
t() { echo "[e2e $(date +%T)] $*"; }

bash scripts/e2e-setup.sh
H=${E2E_HOME:-$root/.test-output/vscode-harness}
CS="$H/cs/node_modules/.bin/code-server"
RUN="$root/.test-output/vscode-run"   # fresh per run: user data, extensions, workspace copy
WS="$RUN/workspace"
SHOTS="$root/.test-output/screenshots"
rm -rf "$RUN"; mkdir -p "$RUN"/{user/User,ext,xdg/config,xdg/data} "$WS" "$SHOTS"
cp test/vscode/settings.json "$RUN/user/User/settings.json"
# The workspace is a copy (tests edit and save files): the fixtures plus the samples.
cp -r test/fixtures/workspace/. "$WS/"
cp -r test/vscode/fixtures/. "$WS/"
cp -r samples "$WS/samples"
# The flaky node:test test of "Find races in this test" (also the unit tests' fixture).
cp test/fixtures/explore/transfers.test.ts "$WS/"

t "build"
if [ "$mode" = "--integration-only" ]; then node scripts/build.mjs; else npm run -s package; fi
node test/vscode/build.mjs

if [ "$mode" != "--integration-only" ]; then
  t "install the .vsix into a fresh extensions folder"
  XDG_CONFIG_HOME="$RUN/xdg/config" XDG_DATA_HOME="$RUN/xdg/data" "$CS" --user-data-dir "$RUN/user" \
    --extensions-dir "$RUN/ext" --install-extension "$root/async-timeline.vsix" 2>&1 | grep -v '^\s*$' | tail -3
fi

PORT=${PORT:-$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")}
t "start code-server on port $PORT"
# setsid: code-server gets its own process group; the trap stops the group (extension hosts
# and watchers outlive their parent otherwise), never processes by name.
XDG_CONFIG_HOME="$RUN/xdg/config" XDG_DATA_HOME="$RUN/xdg/data" setsid "$CS" \
  --bind-addr "127.0.0.1:$PORT" --auth none --user-data-dir "$RUN/user" --extensions-dir "$RUN/ext" \
  --disable-telemetry --disable-update-check --disable-workspace-trust "$WS" >"$RUN/code-server.log" 2>&1 &
CS_PID=$!
trap 'kill -- -$CS_PID 2>/dev/null || true' EXIT
up=0
for _ in $(seq 1 160); do curl -fs -o /dev/null "http://127.0.0.1:$PORT/healthz" && { up=1; break; }; sleep 0.25; done
[ $up = 1 ] || { echo "code-server did not start:"; tail -20 "$RUN/code-server.log"; exit 1; }

rc=0
if [ "$mode" != "--ui-only" ]; then
  t "integration suite inside the extension host"
  CS_BASE="http://127.0.0.1:$PORT" EXT_DEV_PATH="$root" EXT_TESTS_PATH="$root/out/test/vscode/suite/index" \
    WORKSPACE="$WS" OUT_DIR="$SHOTS" node test/vscode/run-tests.mjs || rc=$?
fi
if [ "$mode" != "--integration-only" ]; then
  # The integration suite's "Open sample…" made a scratch copy from this folder: the walk must make its own, from the .vsix.
  find "$RUN/user" -path '*globalStorage*' -type d -name samples -prune -exec rm -rf {} +
  t "UI walk against the installed .vsix"
  CS_URL="http://127.0.0.1:$PORT/?folder=$WS" OUT_DIR="$SHOTS" node test/vscode/drive.mjs || rc=$((rc ? rc : $?))
  t "UI walk of issue 12: walkthrough, test lens, saved trace"
  CS_URL="http://127.0.0.1:$PORT/?folder=$WS" WS="$WS" OUT_DIR="$SHOTS" node test/vscode/drive-issue12.mjs || rc=$((rc ? rc : $?))
  # The walk opened a sample from the installed .vsix: its scratch copy must type-check with what
  # the extension copied beside it (the simulated world's types, Node's types from the .vsix).
  scratch=$(find "$RUN/user" -path '*globalStorage*/samples/tsconfig.json' -print -quit | xargs -r dirname)
  if [ -n "$scratch" ]; then
    t "the sample's scratch copy type-checks ($scratch)"
    node node_modules/typescript/lib/tsc.js -p "$scratch" || { echo "the samples do not type-check in their scratch copy"; rc=$((rc ? rc : 1)); }
  elif [ $rc = 0 ]; then
    echo "no scratch copy of the samples was made"; rc=1
  fi
fi
t "done (exit $rc)"
exit $rc
