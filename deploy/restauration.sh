#!/bin/sh
# Restaure une sauvegarde de deploy/sauvegarde.sh dans une base PostgreSQL.
#
#   deploy/restauration.sh FICHIER.dump [URL_DE_LA_BASE]
#
# Par défaut DATABASE_URL. La base doit exister ; ce qu'elle contient déjà des objets de la
# sauvegarde est remplacé (--clean). Le tout dans une seule transaction : une erreur laisse la
# base comme avant. Arrêter d'abord les serveurs d'application (systemctl stop leviers).
set -eu

fichier="${1:-}"
url="${2:-${DATABASE_URL:-}}"

if [ -z "$fichier" ] || [ ! -r "$fichier" ]; then
    echo "restauration.sh : indiquez un fichier de sauvegarde lisible." >&2
    exit 2
fi
case "$url" in
    postgres://* | postgresql://*) ;;
    *)
        echo "restauration.sh : indiquez l'adresse d'une base PostgreSQL (argument ou DATABASE_URL)." >&2
        exit 2
        ;;
esac

pg_restore --clean --if-exists --no-owner --no-privileges --single-transaction \
    --exit-on-error --dbname="$url" "$fichier"
echo "Restauré : $fichier -> base $(printf '%s' "$url" | sed 's|.*/||; s|?.*||')"
