#!/usr/bin/env bash
# Runs the examples of README.md against a running Byline, as one tour: every ```sh block of its "Examples"
# section, in order, stopping at the first request that fails (curl's --fail-with-body) and naming its line in
# README.md. README.md is the only copy of the examples; ReadmeTourTest runs this against the test instance, so
# they cannot drift from the API.
#
# Usage: examples/tour.sh BASE_URL ADMIN_KEY     e.g. examples/tour.sh http://localhost:8080 "$ADMIN_KEY"
# Needs bash, curl, awk, grep, sed, tr and cut.
set -euo pipefail
usage="usage: examples/tour.sh BASE_URL ADMIN_KEY"
base=${1:?$usage}
admin_key=${2:?$usage}
readme="$(cd "$(dirname "$0")/.." && pwd)/README.md"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# curl before 7.76 has no --fail-with-body; --fail stops the tour as well, without printing the problem.
fail=--fail-with-body
case "$(curl --help all 2>/dev/null || true)" in
  *--fail-with-body*) ;;
  *) fail=--fail ;;
esac
cat > "$work/prelude.sh" <<PRELUDE
set -euo pipefail
# Every curl of the examples fails on an error status and says which request it was (not its headers: keys).
curl() {
  local status=0 arg target=""
  command curl $fail --show-error --write-out '\n' "\$@" || status=\$?
  if [ "\$status" -ne 0 ]; then
    for arg in "\$@"; do case \$arg in http*) target=\$arg ;; esac; done
    echo "tour.sh: this request failed: curl ... \$target" >&2
  fi
  return "\$status"
}
trap 'echo "tour.sh: stopped at README.md line \$LINENO" >&2' ERR
PRELUDE

# The script keeps README's line numbers: every line that is not in a tour block becomes an empty line (the first
# line, a heading, loads the prelude).
awk -v prelude="$work/prelude.sh" '
  NR == 1             { print "source \"" prelude "\""; next }
  /^## /              { inside = ($0 == "## Examples") }
  inside && /^```sh$/ { code = 1; print ""; found = 1; next }
  code && /^```$/     { code = 0; print ""; next }
                      { print (code ? $0 : "") }
  END                 { if (!found) exit 1; print "echo \"Tour complete.\"" }
' "$readme" > "$work/tour.sh" || { echo "tour.sh: no sh blocks under '## Examples' in $readme" >&2; exit 1; }

BASE=$base ADMIN_KEY=$admin_key bash "$work/tour.sh" < /dev/null
