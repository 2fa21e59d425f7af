from django.apps import AppConfig


class ProjectsConfig(AppConfig):
    name = "leviers.projects"
    verbose_name = "Projets et feuilles de route"
