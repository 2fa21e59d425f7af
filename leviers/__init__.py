"""Leviers : l'ESS au service des collectivités rurales."""
