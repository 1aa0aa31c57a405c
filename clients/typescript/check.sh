#!/usr/bin/env bash
# Generates TypeScript types from ../../openapi.yaml with openapi-typescript and compiles example.ts (an
# openapi-fetch front end) and every body example of the contract against them with `tsc --strict`.
# Needs Node.js 18 or newer and the npm registry; `./mvnw verify` does not run it.
set -euo pipefail
cd "$(dirname "$0")"
if [ -f package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
else
  npm install --no-audit --no-fund --loglevel=error
fi
mkdir -p generated
npx --no-install openapi-typescript ../../openapi.yaml --output generated/byline.ts
node contract-examples.mjs ../../openapi.yaml generated/examples.ts
npx --no-install tsc --strict --noEmit -p tsconfig.json
echo "TypeScript client check passed: the types generated from openapi.yaml compile under tsc --strict."
