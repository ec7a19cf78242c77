#!/usr/bin/env bash
# The package as a user gets it: `npm pack`, then the tarball installed into a temporary prefix as
# `npm install -g` would, and the installed svc-stats run on the bundled data. Fails when the install runs a
# build script or prints a warning, when the tarball lacks the built bundle, or when the figures are wrong.
# Run by .ci/run after npm test; needs the npm registry for the dependencies.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

npm pack --pack-destination "$work" >"$work/pack.log" 2>&1 || { cat "$work/pack.log" >&2; exit 1; }
tarball=("$work"/svc-stats-*.tgz)
tar -tzf "${tarball[0]}" >"$work/contents"
if ! grep -qx 'package/dist/bin/svc-stats.js' "$work/contents"; then
  echo "check-pack: the tarball has no dist/bin/svc-stats.js" >&2
  exit 1
fi

# --foreground-scripts: a lifecycle script that ran would show in the log
npm install -g --prefix "$work/prefix" --foreground-scripts "${tarball[0]}" >"$work/install.log" 2>&1 \
  || { cat "$work/install.log" >&2; exit 1; }
if grep -Eiq 'warn|> svc-stats@.* (build|prepare|install|postinstall)' "$work/install.log"; then
  echo "check-pack: installing the tarball warned or ran a build script:" >&2
  cat "$work/install.log" >&2
  exit 1
fi

out=$("$work/prefix/bin/svc-stats" coverage data/2005.csv -i population_per_community,committee_members_per_community,centers_per_community --format csv)
expected='unit,year,communities,urban_population,committee_members,service_centers,population_per_community,committee_members_per_community,centers_per_community
全国,2005,79947,562120000,453543,8479,7031,5.67,0.11'
if [ "$out" != "$expected" ]; then
  printf 'check-pack: the installed svc-stats printed\n%s\ninstead of\n%s\n' "$out" "$expected" >&2
  exit 1
fi
echo "check-pack: $(basename "${tarball[0]}") installs without a build or a warning; svc-stats coverage data/2005.csv gives 7031, 5.67, 0.11"
