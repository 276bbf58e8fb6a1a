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

# Time limits: nothing here may wait forever (a command that hangs, a signal that reached
# nothing); past its limit, what is left is killed and the check fails with a message.
LIFECYCLE_LIMIT_S=900 # the lifecycle tests (about a minute)
DEV_START_LIMIT_S=180 # npm run dev until /api/v1/health answers
DEV_STOP_LIMIT_S=60   # npm run dev after SIGTERM until it has exited
KILL_LIMIT_S=15       # a session after SIGKILL until its leader is reaped

# The session (its leader's pid) now running, if any: killed by `cleanup` however the script ends.
session=

# in_session DIR USER COMMAND...: starts COMMAND (as_user DIR USER) in the background, in a
# session of its own, so that only its processes are signalled and counted; sets $session.
in_session() {
  setsid bash -c "$(declare -f as_user); as_user \"\$@\"" _ "$@" &
  session=$!
}

# wait_for PID SECONDS: waits at most SECONDS for PID (a child of this shell). Sets $waited
# to its exit status and returns 0; returns 1 when it is still running at the deadline.
wait_for() {
  local pid=$1 deadline=$((SECONDS + $2))
  while kill -0 "$pid" 2>/dev/null; do
    [ "$SECONDS" -lt "$deadline" ] || return 1
    sleep 1
  done
  waited=0
  wait "$pid" || waited=$?
}

# kill_session SID: SIGKILL to every process of the session, then reaps its leader (bounded).
kill_session() {
  local sid=$1
  pkill -KILL -s "$sid" 2>/dev/null || true
  wait_for "$sid" "$KILL_LIMIT_S" || echo "ci-users: session $sid still there ${KILL_LIMIT_S} s after SIGKILL"
  [ "$session" != "$sid" ] || session=
}

# bounded SECONDS LABEL DIR USER COMMAND...: runs COMMAND as `as_user DIR USER` does, in a
# session of its own, for at most SECONDS; its output goes where this script's goes. Past
# the limit, kills all it started and fails. Returns COMMAND's exit status.
bounded() {
  local limit=$1 label=$2 sid
  shift 2
  in_session "$@"
  sid=$session
  if ! wait_for "$sid" "$limit"; then
    echo "ci-users: $label still running after ${limit} s: killing it"
    kill_session "$sid"
    return 1
  fi
  session=
  return "$waited"
}

dev_smoke() { # dir user
  local dir=$1 user=$2 log="$1/dev.log" pid deadline
  in_session "$dir" "$user" npm run dev >"$log" 2>&1
  pid=$session
  deadline=$((SECONDS + DEV_START_LIMIT_S))
  while [ "$SECONDS" -lt "$deadline" ]; do
    if curl -fsS --max-time 5 http://127.0.0.1:8787/api/v1/health >/dev/null 2>&1; then break; fi
    if ! kill -0 "$pid" 2>/dev/null; then break; fi
    sleep 1
  done
  if ! curl -fsS --max-time 5 http://127.0.0.1:8787/api/v1/health; then
    echo; echo "ci-users: npm run dev did not serve /api/v1/health within ${DEV_START_LIMIT_S} s. Its output:"; cat "$log"
    kill_session "$pid"
    return 1
  fi
  echo
  # npm run dev execs the CLI, so the signal reaches it; it stops wrangler and Postgres.
  # A signal that reached nothing would leave the wait below nothing to wait for.
  if ! pkill -TERM -s "$pid" -f "local/cli.ts dev"; then
    echo "ci-users: no 'local/cli.ts dev' process in the session of npm run dev to send SIGTERM to. Processes there:"
    pgrep -a -s "$pid" || true
    cat "$log"
    kill_session "$pid"
    return 1
  fi
  if ! wait_for "$pid" "$DEV_STOP_LIMIT_S"; then
    echo "ci-users: npm run dev still running ${DEV_STOP_LIMIT_S} s after SIGTERM. Processes left:"
    pgrep -a -s "$pid" || true
    cat "$log"
    kill_session "$pid"
    return 1
  fi
  session=
  if [ "$waited" -ne 0 ]; then
    echo "ci-users: npm run dev exited $waited on SIGTERM"; cat "$log"
    pkill -KILL -s "$pid" 2>/dev/null || true
    return 1
  fi
  sleep 1
  if pgrep -s "$pid" >/dev/null; then echo "ci-users: processes left behind:"; pgrep -a -s "$pid"; pkill -KILL -s "$pid"; return 1; fi
}

check_in() { # label dir user
  local label=$1 dir=$2 user=$3
  echo "ci-users: $label: lifecycle tests"
  bounded "$LIFECYCLE_LIMIT_S" "$label: the lifecycle tests" "$dir" "$user" npx vitest run --project node test/local/stack.test.ts
  echo "ci-users: $label: npm run dev"
  dev_smoke "$dir" "$user"
  echo "ci-users: $label: ok"
}

# As root in a private folder, the binaries and clusters go to the system temp folder
# (local/postgres.ts); what this run put there goes with it.
marker=$(mktemp)
cleanup_dirs=()
cleanup() {
  # A session still running (the script failed or was interrupted while waiting on it).
  if [ -n "$session" ]; then pkill -KILL -s "$session" 2>/dev/null || true; fi
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
