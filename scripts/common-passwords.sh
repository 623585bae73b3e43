#!/usr/bin/env bash
# Regenerates api/Infrastructure/Auth/common-passwords.txt: the common passwords of zxcvbn-ts
# (@zxcvbn-ts/language-common, MIT, from Dropbox's zxcvbn) that are long enough to pass Okr's length rule —
# shorter ones are refused by length already.
set -euo pipefail
version=4.1.3
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "@zxcvbn-ts/language-common@$version" >/dev/null && tar xzf ./*.tgz)
min=$(grep -o 'PasswordMin = [0-9]*' "$root/api/Domain/Limits.cs" | grep -o '[0-9]*$')
{
  echo "# Common passwords of @zxcvbn-ts/language-common $version (MIT; (c) 2012-2016 Dan Wheeler and Dropbox, Inc., (c) 2021 @zxcvbn-ts),"
  echo "# those of $min characters or more. Regenerate with scripts/common-passwords.sh."
  node -e "for (const p of require('$work/package/src/passwords.json')) if (p.length >= $min) console.log(p.toLowerCase())" | sort -u
} > "$root/api/Infrastructure/Auth/common-passwords.txt"
echo "$(grep -vc '^#' "$root/api/Infrastructure/Auth/common-passwords.txt") passwords written"
