#!/usr/bin/env bash
# The two commands on a machine whose system Node is a current one (run by .ci/run after the
# suite has passed on this machine's own Node). Node 24 here is the binary the `node` dev
# dependency installed (node_modules/node/bin/node, from the npm registry): it is put first
# on the PATH as plain `node`, so npm itself, not only the npm scripts, runs on it. In a fresh
# clone of HEAD: `npm ci`, then `npm test` — exactly the README's commands.
set -euo pipefail
cd "$(dirname "$0")/.."

current_node=$PWD/node_modules/node/bin/node
[ -x "$current_node" ] || { echo "ci-node24: $current_node is missing: run npm ci first" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/bin"
ln -s "$current_node" "$work/bin/node"
git clone --quiet --no-hardlinks . "$work/clone"

export PATH="$work/bin:$PATH"
cd "$work/clone"
echo "ci-node24: system node is now $(node --version) ($(command -v node)); npm $(npm --version) runs on it"
npm ci --no-audit --no-fund
npm test
