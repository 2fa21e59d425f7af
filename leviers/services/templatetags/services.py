from django import template

from leviers.services import phones

register = template.Library()


@register.filter
def tel(phone: str) -> str:
    return phones.tel_uri(phone)


@register.filter
def readable_phone(phone: str) -> str:
    return phones.readable(phone)
