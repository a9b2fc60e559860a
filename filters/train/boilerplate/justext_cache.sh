#!/bin/sh
# Extracts jusText's `justext/` package (and its LICENSE.rst) from a git
# mirror of github.com/miso-belica/jusText into the repository's git-ignored
# .cache/justext/, for `score.py --justext .cache/justext`. Nothing of
# jusText is committed.
#
# Usage: justext_cache.sh [MIRROR] [COMMIT]
#   MIRROR  a bare mirror or a clone of the repository (default: $JUSTEXT_MIRROR)
#   COMMIT  what to extract (default: HEAD; the team measured tag v3.0.2,
#           which is HEAD of the mirror in 2026)
# jusText needs lxml: apt-get install python3-lxml (Debian's, for /usr/bin/python3).
set -eu

mirror=${1:-${JUSTEXT_MIRROR:-}}
commit=${2:-HEAD}
if [ -z "$mirror" ]; then
    echo "usage: $0 MIRROR [COMMIT]   (or set JUSTEXT_MIRROR)" >&2
    exit 2
fi
if [ -d "$mirror/.git" ]; then
    gitdir=$mirror/.git
else
    gitdir=$mirror
fi
if ! git --git-dir="$gitdir" rev-parse --verify --quiet "$commit^{commit}" >/dev/null; then
    echo "$0: $mirror is not a git repository with $commit" >&2
    exit 1
fi

root=$(cd "$(dirname "$0")/../../.." && pwd)
dest=$root/.cache/justext
if ! git -C "$root" check-ignore -q "$dest/justext/core.py"; then
    echo "$0: $dest is not git-ignored; refusing to write there" >&2
    exit 1
fi

rm -rf "$dest"
mkdir -p "$dest"
git --git-dir="$gitdir" archive "$commit" justext LICENSE.rst | tar -x -C "$dest"
git --git-dir="$gitdir" rev-parse "$commit^{commit}" >"$dest/COMMIT"
version=$(sed -n 's/^__version__ = "\(.*\)"/\1/p' "$dest/justext/__init__.py")
echo "jusText $version ($(cat "$dest/COMMIT")) in $dest"
