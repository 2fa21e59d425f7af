from django.apps import AppConfig


class TrainingConfig(AppConfig):
    name = "leviers.training"
    verbose_name = "Formation des élus"

    def ready(self):
        from leviers.core import navigation
        from leviers.training import mentions, personal_data

        personal_data.connect()
        mentions.connect()
        navigation.register("Formation des élus", "training:index", order=30)

    def bootstrap(self, write) -> None:
        """A step of `leviers bootstrap` (journey), after the catalogue, which the modules name:
        load the training content when it was never loaded or the shipped files changed (no
        one edits it in the admin, so the files always win). `write` prints a line."""
        from leviers.core.importing import SHIPPED_WITH_LEVIERS
        from leviers.core.models import Dataset
        from leviers.training.content import DATASET_KEY, load_training, shipped_checksum

        dataset = Dataset.objects.filter(key=DATASET_KEY).first()
        if dataset and dataset.checksum == shipped_checksum():
            write("Formation : déjà chargée.")
            return
        counts = load_training(label=SHIPPED_WITH_LEVIERS)
        write(f"formation chargée : {counts}")
