"""Importers that bring outside catalogues (aid finders) into the catalogue's schemes."""
