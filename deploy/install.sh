#!/bin/sh
# The production install: a virtualenv with exactly the versions in requirements.lock
# (checked against their hashes), then Hamyar itself from this source tree, which gives the
# `hamyar` command. The Dockerfile runs this script; so does tests/test_ops_install.py.
#
#   deploy/install.sh [VENV]        (default /opt/hamyar/venv; PYTHON=python3.11 to choose)
#
# The source tree stays where it is (the venv points into it: migrations/ and locales/
# are read from there), so install from a checkout you keep, e.g. /opt/hamyar/src.
set -eu
VENV=${1:-/opt/hamyar/venv}
PYTHON=${PYTHON:-python3}
SRC=$(CDPATH= cd -- "$(dirname -- "$0")/.." && pwd)

"$PYTHON" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Hamyar needs Python 3.11 or newer")'
"$PYTHON" -m venv "$VENV"
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --no-deps \
    --require-hashes -r "$SRC/requirements.lock"
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --no-deps -e "$SRC"
"$VENV/bin/python" -m pip check
echo "Installed: $VENV/bin/hamyar ($("$VENV/bin/python" -c 'import telegram, sqlalchemy; print("python-telegram-bot", telegram.__version__, "/ SQLAlchemy", sqlalchemy.__version__)'))"
