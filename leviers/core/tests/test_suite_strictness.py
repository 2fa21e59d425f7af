"""The test suite itself is strict: these tests fail if a setting that makes it so is lost."""

import pytest
from django.template import Context, Template


def test_an_unknown_template_variable_fails_the_test():
    with pytest.raises(pytest.fail.Exception, match="Undefined template variable 'typo'"):
        Template("{{ typo }}").render(Context({}))


def test_if_on_a_missing_variable_is_still_allowed():
    assert Template("{% if absent %}oui{% else %}non{% endif %}").render(Context({})) == "non"
