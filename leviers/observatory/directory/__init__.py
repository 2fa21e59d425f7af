"""The directory of a commune's ESS actors: the SIRENE establishments and the volunteer-only
associations, the profiles and links curators add, the public proposal forms, the map and the
CSV export. Its models live in `observatory.models` (Django loads them from there)."""
