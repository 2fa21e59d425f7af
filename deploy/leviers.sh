#!/bin/sh
# Une commande `leviers` avec la configuration de production, sous le compte de service :
#   sudo -u leviers /srv/leviers/deploy/leviers.sh migrate --no-input
set -eu
set -a
. "${LEVIERS_ENV_FILE:-/etc/leviers/leviers.env}"
set +a
exec "${LEVIERS_VENV:-/srv/leviers/venv}/bin/leviers" "$@"
