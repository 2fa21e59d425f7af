"""Tests that fill a form as a browser would: what a page's form sends back unchanged."""

from django import forms


def form_data(response, name: str = "form") -> dict:
    """The values the form of `response` shows, as the browser would post them."""
    data = {}
    for field in response.context[name]:
        value = field.value()
        widget = field.field.widget
        if isinstance(widget, forms.CheckboxInput):
            if value:
                data[field.html_name] = "on"
            continue
        formatted = widget.format_value(value)
        if formatted is not None:
            data[field.html_name] = formatted
    return data
