import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from leviers.core.importing import Counts, ImportFileError
from leviers.core.importing.command import ImportCommand


def options_of(command: ImportCommand) -> set[str]:
    parser = command.create_parser("leviers", "import-test")
    return {option for action in parser._actions for option in action.option_strings}


def test_base_import_command_offers_only_the_shared_progress_option():
    options = options_of(ImportCommand())
    assert "--progression" in options
    assert not {"--source", "--encodage", "--millesime"} & options


def test_import_sirene_does_not_accept_a_source_or_an_encoding_it_would_not_read():
    for option in ("--source", "--encodage"):
        with pytest.raises(CommandError, match="unrecognized arguments"):
            call_command(
                "import-sirene", "--unites", "u.csv", "--etablissements", "e.csv", option, "x"
            )


def test_file_imports_add_the_source_encoding_and_vintage_they_read():
    from django.core.management import load_command_class

    command = load_command_class("leviers.territories", "import-pvd")
    assert {"--source", "--encodage", "--millesime", "--progression"} <= options_of(command)


def test_a_bad_file_becomes_a_french_command_error_saying_nothing_changed():
    class Failing(ImportCommand):
        def run_import(self, source, **options) -> Counts:
            raise ImportFileError("communes.csv", "colonne absente", line=1)

    with pytest.raises(CommandError, match=r"communes\.csv.*ligne 1.*\nRien n'a été modifié\."):
        Failing().handle()


def test_ctrl_c_becomes_a_french_command_error_saying_nothing_changed():
    class Interrupted(ImportCommand):
        def run_import(self, source, **options) -> Counts:
            raise KeyboardInterrupt

    with pytest.raises(CommandError, match=r"Import interrompu.*rien n'a été modifié"):
        Interrupted().handle()


def test_ctrl_c_inside_duckdb_is_an_interruption_too():
    """DuckDB runs Python's Ctrl-C handler, swallows its KeyboardInterrupt and raises
    RuntimeError("Query interrupted") instead: still an interruption, without a traceback."""
    import signal

    class InterruptedLikeDuckDB(ImportCommand):
        def run_import(self, source, **options) -> Counts:
            try:
                signal.getsignal(signal.SIGINT)(signal.SIGINT, None)
            except KeyboardInterrupt:
                raise RuntimeError("Query interrupted") from None

    # Python's own Ctrl-C handler, as in a terminal: a shell's background job (`pytest &`)
    # starts with Ctrl-C ignored, where the command rightly leaves the signal alone.
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        with pytest.raises(CommandError, match=r"Import interrompu"):
            InterruptedLikeDuckDB().handle()
    finally:
        signal.signal(signal.SIGINT, previous)


def test_ctrl_c_ignored_by_the_shell_stays_ignored_during_an_import():
    import signal

    seen = []

    class Looking(ImportCommand):
        def run_import(self, source, **options) -> Counts:
            seen.append(signal.getsignal(signal.SIGINT))
            return Counts()

    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        Looking().handle()
        assert seen == [signal.SIG_IGN]
        assert signal.getsignal(signal.SIGINT) is signal.SIG_IGN
    finally:
        signal.signal(signal.SIGINT, previous)


def test_an_error_without_ctrl_c_is_not_called_an_interruption():
    class Failing(ImportCommand):
        def run_import(self, source, **options) -> Counts:
            raise RuntimeError("bogue")

    with pytest.raises(RuntimeError, match="bogue"):
        Failing().handle()
