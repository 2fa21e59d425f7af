#!/bin/sh
# Sauvegarde de la base PostgreSQL de Leviers : un fichier pg_dump au format « custom »
# (compressé, restaurable table par table avec pg_restore), nommé par sa date.
#
#   deploy/sauvegarde.sh [URL_DE_LA_BASE [DOSSIER]]
#
# Par défaut : DATABASE_URL, et LEVIERS_SAUVEGARDES (/var/backups/leviers). Les sauvegardes de
# plus de LEVIERS_SAUVEGARDES_JOURS jours (14) sont supprimées après une sauvegarde réussie.
# Affiche le chemin du fichier écrit. Restauration : deploy/restauration.sh.
#
# Les fichiers déposés (documents des rencontres…) sont dans MEDIA_ROOT, pas dans la base :
# quand MEDIA_ROOT nomme un dossier, il est archivé à côté, sous le même horodatage
# (leviers-fichiers-AAAAMMJJTHHMMSSZ.tar.gz ; restauration : tar -xzf … -C "$MEDIA_ROOT").
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
horodatage="$(date -u +%Y%m%dT%H%M%SZ)"
fichier="$dossier/leviers-$horodatage.dump"
# Écrit sous un nom provisoire : un fichier au nom final est toujours complet.
pg_dump --format=custom --no-owner --no-privileges --file="$fichier.partiel" --dbname="$url"
mv "$fichier.partiel" "$fichier"
# Vérifie que le fichier se relit (table des matières complète).
pg_restore --list "$fichier" > /dev/null
media="${MEDIA_ROOT:-}"
if [ -n "$media" ] && [ -d "$media" ]; then
    archive="$dossier/leviers-fichiers-$horodatage.tar.gz"
    tar -czf "$archive.partiel" -C "$media" .
    mv "$archive.partiel" "$archive"
    tar -tzf "$archive" > /dev/null
    echo "sauvegarde.sh : fichiers déposés archivés dans $archive" >&2
fi
find "$dossier" -maxdepth 1 -name 'leviers-*.dump' -mtime +"$jours" -delete
find "$dossier" -maxdepth 1 -name 'leviers-fichiers-*.tar.gz' -mtime +"$jours" -delete
echo "$fichier"
