#!/usr/bin/env bash
# Runs the examples of README.md against a running Byline, as one tour: every ```sh block of its "Examples"
# section, in order, stopping at the first request that fails (curl's --fail-with-body). README.md is the only
# copy of the examples; ReadmeTourTest runs this against the test instance, so they cannot drift from the API.
#
# Usage: examples/tour.sh BASE_URL ADMIN_KEY     e.g. examples/tour.sh http://localhost:8080 "$ADMIN_KEY"
# Needs bash, curl, grep, sed, tr and cut.
set -euo pipefail
usage="usage: examples/tour.sh BASE_URL ADMIN_KEY"
base=${1:?$usage}
admin_key=${2:?$usage}
readme="$(cd "$(dirname "$0")/.." && pwd)/README.md"

tour=$(awk '/^## /         { inside = ($0 == "## Examples") }
            inside && /^```sh$/ { code = 1; next }
            code && /^```$/     { code = 0; next }
            code' "$readme")
if [ -z "$tour" ]; then
  echo "tour.sh: no sh blocks under '## Examples' in $readme" >&2
  exit 1
fi

# curl before 7.76 has no --fail-with-body; --fail stops the tour as well, without printing the problem.
fail=--fail-with-body
case "$(curl --help all 2>/dev/null || true)" in
  *--fail-with-body*) ;;
  *) fail=--fail ;;
esac

script=$(mktemp)
trap 'rm -f "$script"' EXIT
{
  echo 'set -Eeuo pipefail'
  echo "curl() { command curl $fail --show-error --write-out '\n' \"\$@\"; }"
  echo 'trap '"'"'echo "tour.sh: this example failed: $BASH_COMMAND" >&2'"'"' ERR'
  printf '%s\n' "$tour"
  echo 'echo "Tour complete."'
} > "$script"
BASE=$base ADMIN_KEY=$admin_key bash "$script" < /dev/null
