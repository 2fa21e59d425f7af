#!/bin/sh
# Sauvegarde de la base PostgreSQL de Leviers : un fichier pg_dump au format « custom »
# (compressé, restaurable table par table avec pg_restore), nommé par sa date.
#
#   deploy/sauvegarde.sh [URL_DE_LA_BASE [DOSSIER]]
#
# Par défaut : DATABASE_URL, et LEVIERS_SAUVEGARDES (/var/backups/leviers). Les sauvegardes de
# plus de LEVIERS_SAUVEGARDES_JOURS jours (14) sont supprimées après une sauvegarde réussie.
# Affiche le chemin du fichier écrit. Restauration : deploy/restauration.sh.
set -eu

url="${1:-${DATABASE_URL:-}}"
dossier="${2:-${LEVIERS_SAUVEGARDES:-/var/backups/leviers}}"
jours="${LEVIERS_SAUVEGARDES_JOURS:-14}"

case "$url" in
    postgres://* | postgresql://*) ;;
    *)
        echo "sauvegarde.sh : indiquez l'adresse d'une base PostgreSQL (argument ou DATABASE_URL)." >&2
        exit 2
        ;;
esac

mkdir -p "$dossier"
fichier="$dossier/leviers-$(date -u +%Y%m%dT%H%M%SZ).dump"
# Écrit sous un nom provisoire : un fichier au nom final est toujours complet.
pg_dump --format=custom --no-owner --no-privileges --file="$fichier.partiel" --dbname="$url"
mv "$fichier.partiel" "$fichier"
# Vérifie que le fichier se relit (table des matières complète).
pg_restore --list "$fichier" > /dev/null
find "$dossier" -maxdepth 1 -name 'leviers-*.dump' -mtime +"$jours" -delete
echo "$fichier"
