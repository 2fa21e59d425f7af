from django.shortcuts import render

from leviers.core.models import Dataset


def home(request):
    return render(request, "core/home.html")


def not_found(request, exception=None):
    return render(request, "core/404.html", status=404)


def legal(request):
    return render(request, "core/legal.html", {"datasets": Dataset.objects.all()})
