#!/usr/bin/env bash
# Programs the test suite needs besides node_modules, run before the tests (npm `pretest`).
#
# Each entry: "command|debian-package|required|why". A required program that is missing is installed
# with apt-get when we are root and apt-get exists (apt-get update first if the plain install fails);
# otherwise the script exits 1 naming the package. An optional program that is missing is only
# reported: the tests that need it are skipped and say why. Idempotent; quick when all is present.
set -euo pipefail

PREREQS=(
  "pdftotext|poppler-utils|required|reads the text of the generated PDFs (test/exports.test.ts)"
  "libreoffice|libreoffice-writer|optional|converts the generated DOCX letters to PDF (test/exports.test.ts)"
  "/usr/lib/postgresql/*/bin/initdb|postgresql|required|runs the storage tests on a real PostgreSQL server (test/store)"
  "/usr/bin/chromium|chromium|required|browser tests (test/browser)"
)

# A command name is looked up on PATH; an absolute pattern (PostgreSQL keeps its binaries off PATH) is
# matched as a file glob.
have() {
  if [[ "$1" == /* ]]; then compgen -G "$1" >/dev/null; else command -v "$1" >/dev/null 2>&1; fi
}

can_apt() { [[ "$(id -u)" == 0 ]] && command -v apt-get >/dev/null 2>&1; }

apt_install() {
  local pkg=$1
  echo "test-prereqs: installing $pkg (apt-get)" >&2
  if DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$pkg" >/dev/null 2>&1; then return 0; fi
  DEBIAN_FRONTEND=noninteractive apt-get update -q >/dev/null 2>&1 || true
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$pkg" >/dev/null
}

missing=()
missing_pkgs=()
for entry in "${PREREQS[@]}"; do
  IFS='|' read -r cmd pkg need why <<<"$entry"
  have "$cmd" && continue
  if [[ "$need" == optional ]]; then
    echo "test-prereqs: optional: $cmd not found (Debian package $pkg); tests that need it are skipped — it $why" >&2
    continue
  fi
  if can_apt && apt_install "$pkg" && have "$cmd"; then continue; fi
  missing+=("$cmd (Debian package $pkg: $why)")
  missing_pkgs+=("$pkg")
done

if ((${#missing[@]})); then
  echo "test-prereqs: missing programs the tests need; install them and run again:" >&2
  printf '  %s\n' "${missing[@]}" >&2
  echo "  e.g. sudo apt-get install -y ${missing_pkgs[*]}" >&2
  exit 1
fi
