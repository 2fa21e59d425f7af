"""CreateModels (core/migration_operations.py) leaves the migration state that its CreateModel
one by one would: the same models, with the same relations, each pointing to the model class
that the CreateModel one by one would leave it pointing to."""

import pytest
from django.db.migrations.loader import MigrationLoader

from leviers.core.migration_operations import CreateModels

LOADER = MigrationLoader(None)
WITH_CREATE_MODELS = sorted(
    key
    for key, migration in LOADER.disk_migrations.items()
    if any(isinstance(operation, CreateModels) for operation in migration.operations)
)


def relations(apps):
    """Each model's fields, the model each relation points to, and whether it points to the
    class the registry holds (or to one rendered before a later change)."""
    return {
        model._meta.label_lower: sorted(
            (
                field.name,
                field.related_model._meta.label_lower if field.related_model else None,
                field.related_model is None
                or field.related_model is apps.get_model(field.related_model._meta.label_lower),
            )
            for field in model._meta.get_fields(include_hidden=True)
        )
        for model in apps.get_models(include_auto_created=True)
    }


def state_after(key, one_by_one):
    parents = [parent.key for parent in LOADER.graph.node_map[key].parents]
    state = LOADER.project_state(parents, at_end=True)
    assert state.apps  # rendered, as `migrate` has them before the first migration it runs
    for operation in LOADER.graph.nodes[key].operations:
        if one_by_one and isinstance(operation, CreateModels):
            for create_model in operation.operations:
                create_model.state_forwards(key[0], state)
        else:
            operation.state_forwards(key[0], state)
    return state


def test_the_squashed_migrations_use_create_models():
    assert len(WITH_CREATE_MODELS) >= 9


@pytest.mark.parametrize("key", WITH_CREATE_MODELS, ids=".".join)
def test_the_state_after_create_models_is_the_state_after_each_create_model(key):
    batched, one_by_one = state_after(key, one_by_one=False), state_after(key, one_by_one=True)
    assert batched.models == one_by_one.models
    assert relations(batched.apps) == relations(one_by_one.apps)
