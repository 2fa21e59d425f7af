"""Migration operations of our own, for the squashed migrations (decision 44)."""

from django.db.migrations.operations.base import Operation
from django.db.migrations.operations.models import CreateModel


class CreateModels(Operation):
    """Several CreateModel, their models rendered once.

    On a migration state whose models are rendered (`migrate` renders them before the first
    migration it runs), each CreateModel renders again its model and every model related to it,
    directly or not: nearly all of them, since the user model is related to nearly every model.
    Here the models are added to the state first, then rendered together once. The tables are
    created in the given order, as the CreateModel would; each table is created from the state
    after all of them (the CreateModel of a model does not depend on those that follow it).
    """

    reduces_to_sql = True
    reversible = True
    serialization_expand_args = ["operations"]

    def __init__(self, operations):
        if not all(type(operation) is CreateModel for operation in operations):
            raise TypeError("CreateModels takes CreateModel operations only.")
        self.operations = operations
        super().__init__()

    def deconstruct(self):
        return (self.__class__.__qualname__, [self.operations], {})

    def state_forwards(self, app_label, state):
        rendered = state.__dict__.pop("apps", None)
        for operation in self.operations:
            operation.state_forwards(app_label, state)
        if rendered is not None:
            state.apps = rendered
            state.reload_models(
                [(app_label, operation.name_lower) for operation in self.operations],
                delay=False,
            )

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        for operation in self.operations:
            operation.database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        for operation in reversed(self.operations):
            operation.database_backwards(app_label, schema_editor, from_state, to_state)

    def describe(self):
        return "Create models " + ", ".join(operation.name for operation in self.operations)

    @property
    def migration_name_fragment(self):
        return "_".join(operation.migration_name_fragment for operation in self.operations)

    def references_model(self, name, app_label):
        return any(operation.references_model(name, app_label) for operation in self.operations)
