from django.apps import AppConfig


class CatalogueConfig(AppConfig):
    name = "leviers.catalogue"
    verbose_name = "Catalogue"
