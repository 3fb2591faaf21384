#!/usr/bin/env bash
# The production install path: `npm ci --omit=dev && npm start` with the built dist/ and no
# TypeScript. The bot must load every module it needs from the production dependencies alone and
# get as far as its settings check (exit 78 names what is missing); it must never try to build.
set -euo pipefail
cd "$(dirname "$0")/.."

npm run build --silent
copy="$(mktemp -d)"
trap 'rm -rf "$copy"' EXIT
cp -r package.json package-lock.json dist scripts "$copy/"
(cd "$copy" && npm ci --omit=dev --prefer-offline --no-audit --no-fund --loglevel=error >/dev/null)
if [ -e "$copy/node_modules/typescript" ]; then
  echo "production install has TypeScript: --omit=dev did not apply" >&2
  exit 1
fi

set +e
output="$(cd "$copy" && env -i PATH="$PATH" HOME="$HOME" SLACK_SIGNING_SECRET=s npm start 2>&1)"
code=$?
set -e
if [ "$code" -ne 78 ] || ! grep -q 'TOKEN_ENCRYPTION_KEY is required' <<<"$output"; then
  echo "npm start in a production install: expected exit 78 and the settings message, got $code:" >&2
  echo "$output" >&2
  exit 1
fi
if grep -qi 'building\|tsc' <<<"$output"; then
  echo "npm start in a production install tried to build:" >&2
  echo "$output" >&2
  exit 1
fi
echo "production install: npm start runs the built bot without TypeScript"
