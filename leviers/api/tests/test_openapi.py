"""The OpenAPI document against the API itself: every route is documented, and every documented
GET path answers as documented.

Each path is called with the example of every parameter (200 expected), with each example that
announces another status (`x-status`: a slug that does not exist gives 404), and once per
documented constraint broken (a value outside an enum, past a maximum, too long, missing when
required...: 400 expected). Every answer is checked against the schema of its status, strictly:
a field the schema does not list is an error (the API is explicit about what it returns).
"""

import re

import pytest

from leviers.api import urls
from leviers.api.openapi import OPENAPI

pytestmark = pytest.mark.django_db

PREFIX = "/api/v1"
PATHS = OPENAPI["paths"]


def _template(pattern) -> str:
    """The OpenAPI path of a Django URL pattern: "catalogue/<str:slug>" → "/catalogue/{slug}"."""
    route = str(pattern.pattern)
    route = re.sub(r"\(\?P<(\w+)>[^)]*\)", r"{\1}", route)  # re_path()
    route = re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", route)  # path()
    return "/" + route.strip("^$")


def test_every_route_of_the_api_is_documented_and_nothing_else():
    routes = {_template(p) for p in urls.urlpatterns if p.name != "not-found"}
    assert routes == set(PATHS)


def test_the_route_of_unknown_paths_comes_last():
    assert urls.urlpatterns[-1].name == "not-found"


def test_every_parameter_has_an_example_that_answers_200():
    for template, item in PATHS.items():
        for parameter in item["get"]["parameters"]:
            if parameter.get("required"):
                assert _ok_value(parameter) is not None, (template, parameter["name"])


# --- Calling every path ----------------------------------------------------------------------


def _ok_value(parameter: dict):
    if "example" in parameter:
        return parameter["example"]
    for example in parameter.get("examples", {}).values():
        if example.get("x-status", 200) == 200:
            return example["value"]
    return None


def _broken(parameter: dict):
    """(what is broken, the value — or None to leave the parameter out) per constraint."""
    schema = parameter["schema"]
    name = parameter["name"]
    if parameter.get("required"):
        yield f"{name} absent", None
    if schema.get("type") == "integer":
        yield f"{name} non entier", "abc"
        if "minimum" in schema:
            yield f"{name} < minimum", schema["minimum"] - 1
        if "maximum" in schema:
            yield f"{name} > maximum", schema["maximum"] + 1
    if "enum" in schema:
        yield f"{name} hors liste", "valeur-inconnue"
    if "maxLength" in schema:
        yield f"{name} trop long", "x" * (schema["maxLength"] + 1)
    if "pattern" in schema:
        yield f"{name} mal formé", _off_pattern(schema["pattern"])
    items = schema.get("items", {})
    if "enum" in items:
        yield f"{name} hors liste", ["valeur-inconnue"]
    if "pattern" in items:
        yield f"{name} mal formé", [_off_pattern(items["pattern"])]


def _off_pattern(pattern: str) -> str:
    """A value the pattern refuses."""
    return next(
        value for value in ("!", " ", "00", "0" * 20, "\x00") if not re.search(pattern, value)
    )


def _cases(operation: dict):
    """(label, path values, query values, expected status)."""
    parameters = operation["parameters"]
    base = {p["name"]: v for p in parameters if (v := _ok_value(p)) is not None}
    in_path = {p["name"] for p in parameters if p["in"] == "path"}

    def split(values: dict):
        return (
            {k: v for k, v in values.items() if k in in_path},
            {k: v for k, v in values.items() if k not in in_path and v is not None},
        )

    yield ("exemples", *split(base), 200)
    for parameter in parameters:
        for name, example in parameter.get("examples", {}).items():
            status = example.get("x-status", 200)
            if status != 200:
                values = {**base, parameter["name"]: example["value"]}
                yield (f"{parameter['name']} {name}", *split(values), status)
        if parameter["in"] == "query":
            for label, value in _broken(parameter):
                yield (label, *split({**base, parameter["name"]: value}), 400)
        elif not re.search(parameter["schema"].get("pattern", ""), "\x00"):
            # (a path that fits no route is a 404; one that holds NUL is refused first)
            yield (f"{parameter['name']} nul", *split({**base, parameter["name"]: "\x00"}), 400)


@pytest.mark.parametrize("template", sorted(PATHS))
def test_path_answers_as_documented(catalogue, client, template):
    operation = PATHS[template]["get"]
    documented = {int(status) for status in operation["responses"]}
    seen = set()
    for label, path_values, query, status in _cases(operation):
        url = PREFIX + template.format(**path_values)
        response = client.get(url, query)
        assert response.status_code == status, (label, url, query, response.content[:300])
        assert status in documented, f"{template} : statut {status} non documenté ({label})"
        seen.add(status)
        schema = operation["responses"][str(status)]["content"]["application/json"]["schema"]
        problems = conform(response.json(), schema)
        assert not problems, (label, problems[:5])
    assert seen == documented, f"{template} : statuts documentés jamais obtenus"


# --- A small JSON Schema checker (what the document uses) ------------------------------------

_TYPES = {
    "null": lambda v: v is None,
    "string": lambda v: isinstance(v, str),
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "number": lambda v: isinstance(v, int | float) and not isinstance(v, bool),
    "boolean": lambda v: isinstance(v, bool),
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
}


def conform(value, schema: dict, where: str = "$") -> list[str]:
    if "$ref" in schema:
        schema = OPENAPI["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
    if "anyOf" in schema:
        if any(not conform(value, option, where) for option in schema["anyOf"]):
            return []
        return [f"{where} : aucune des formes permises ({value!r:.80})"]
    types = schema.get("type")
    if types is not None:
        types = [types] if isinstance(types, str) else types
        if not any(_TYPES[t](value) for t in types):
            return [f"{where} : {type(value).__name__} au lieu de {types}"]
    if "enum" in schema and value not in schema["enum"]:
        return [f"{where} : {value!r} hors de {schema['enum']}"]
    number = _TYPES["number"](value)
    if number and not schema.get("minimum", value) <= value <= schema.get("maximum", value):
        return [f"{where} : {value} hors bornes"]
    problems = []
    if isinstance(value, dict):
        properties = schema.get("properties")
        for name in schema.get("required", []):
            if name not in value:
                problems.append(f"{where} : champ « {name} » absent")
        for name, item in value.items():
            if properties is not None and name in properties:
                problems += conform(item, properties[name], f"{where}.{name}")
            elif isinstance(schema.get("additionalProperties"), dict):
                problems += conform(item, schema["additionalProperties"], f"{where}.{name}")
            elif properties is not None:
                problems.append(f"{where} : champ « {name} » non documenté")
    if isinstance(value, list) and "items" in schema:
        for i, item in enumerate(value):
            problems += conform(item, schema["items"], f"{where}[{i}]")
    return problems


def test_the_checker_catches_what_it_must():
    scheme = {"$ref": "#/components/schemas/Criterion"}
    assert conform({"text": "a", "met": None}, scheme) == []
    assert (
        conform({"text": "a", "met": None, "details": [{"text": "b", "met": True}]}, scheme) == []
    )
    assert conform({"text": "a"}, scheme) == ["$ : champ « met » absent"]
    assert conform({"text": "a", "met": "oui"}, scheme)
    assert conform({"text": "a", "met": True, "extra": 1}, scheme)
    assert conform({"text": "a", "met": True, "details": [{"text": 1, "met": True}]}, scheme)
    verdict = OPENAPI["components"]["schemas"]["MatchResult"]["properties"]["schemes"]
    assert conform([{"verdict": "peut-etre"}], verdict)
