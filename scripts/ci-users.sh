#!/usr/bin/env bash
# The stand-in for every user and folder (run by .ci/run, which runs as root):
#   1. as an unprivileged user of its own, in a folder that user owns (the usual laptop);
#   2. as root, in a private `mktemp -d` folder the postgres user cannot reach.
# In each, a copy of this working tree (node_modules copied, not reinstalled) runs the
# stand-in's lifecycle tests through the normal vitest configuration and global setup,
# then `npm run dev` must bring up the worker's /api/v1/health and stop cleanly on SIGTERM,
# leaving no process behind.
set -euo pipefail
cd "$(dirname "$0")/.."
src=$PWD

if [ "$(id -u)" -ne 0 ]; then
  echo "ci-users: not root; running the checks as $(id -un) in this folder's copy only"
fi

copy_tree() { # dest
  mkdir -p "$1"
  git ls-files -co --exclude-standard -z | tar --null -T - -cf - | tar -xf - -C "$1"
  cp -a node_modules "$1/"
}

# Runs "$@" in folder $1 as user $2 (empty: the current user).
as_user() {
  local dir=$1 user=$2
  shift 2
  if [ -n "$user" ]; then
    runuser -u "$user" -- env -i HOME="$(getent passwd "$user" | cut -d: -f6)" PATH="$PATH" CI="${CI:-}" NO_COLOR=1 bash -c 'cd "$0" && "$@"' "$dir" "$@"
  else
    (cd "$dir" && NO_COLOR=1 "$@")
  fi
}

dev_smoke() { # dir user
  local dir=$1 user=$2 log="$1/dev.log" pid status
  # In a session of its own, so that only this run's processes are signalled and counted.
  setsid bash -c "$(declare -f as_user); as_user \"\$@\"" _ "$dir" "$user" npm run dev >"$log" 2>&1 &
  pid=$!
  for _ in $(seq 1 120); do
    if curl -fsS http://127.0.0.1:8787/api/v1/health >/dev/null 2>&1; then break; fi
    if ! kill -0 "$pid" 2>/dev/null; then break; fi
    sleep 1
  done
  if ! curl -fsS http://127.0.0.1:8787/api/v1/health; then
    echo; echo "ci-users: npm run dev did not serve /api/v1/health. Its output:"; cat "$log"
    kill -KILL -- "-$pid" 2>/dev/null || true
    return 1
  fi
  echo
  # npm run dev execs the CLI, so the signal reaches it; it stops wrangler and Postgres.
  pkill -TERM -s "$pid" -f "local/cli.ts dev" || true
  status=0
  wait "$pid" || status=$?
  if [ "$status" -ne 0 ]; then echo "ci-users: npm run dev exited $status on SIGTERM"; cat "$log"; return 1; fi
  sleep 1
  if pgrep -s "$pid" >/dev/null; then echo "ci-users: processes left behind:"; pgrep -a -s "$pid"; pkill -KILL -s "$pid"; return 1; fi
}

check_in() { # label dir user
  local label=$1 dir=$2 user=$3
  echo "ci-users: $label: lifecycle tests"
  as_user "$dir" "$user" npx vitest run --project node test/local/stack.test.ts
  echo "ci-users: $label: npm run dev"
  dev_smoke "$dir" "$user"
  echo "ci-users: $label: ok"
}

# As root in a private folder, the binaries and clusters go to the system temp folder
# (local/postgres.ts); what this run put there goes with it.
marker=$(mktemp)
cleanup_dirs=()
cleanup() {
  for d in "${cleanup_dirs[@]}"; do rm -rf "$d"; done
  find "${TMPDIR:-/tmp}" -maxdepth 1 -name 'supabase-local-pg-*' -newer "$marker" -exec rm -rf {} +
  rm -f "$marker"
}
trap cleanup EXIT

if [ "$(id -u)" -eq 0 ]; then
  user=edge-auth-dev
  id -u "$user" >/dev/null 2>&1 || useradd --create-home --shell /bin/bash "$user"
  home=$(getent passwd "$user" | cut -d: -f6)
  dir="$home/edge-auth"
  rm -rf "$dir"
  copy_tree "$dir"
  chown -R "$user:" "$dir"
  cleanup_dirs+=("$dir")
  check_in "unprivileged user $user in $dir" "$dir" "$user"

  private=$(mktemp -d)
  cleanup_dirs+=("$private")
  copy_tree "$private/edge-auth"
  check_in "root in private folder $private" "$private/edge-auth" ""
else
  check_in "$(id -un) in $src" "$src" ""
fi
