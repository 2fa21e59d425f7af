"""The territory search page. The commune and EPCI pages compose several domains: they live in
the journey layer (leviers/journey/pages.py)."""

from django.shortcuts import redirect, render

from leviers.territories.search import search_territories


def search(request):
    query = request.GET.get("q", "").strip()[:100]
    results = search_territories(query, limit=30) if query else []
    if len(results) == 1:
        entry = results[0]
        name = "territories:commune" if entry.kind == "commune" else "territories:epci"
        return redirect(name, entry.code)
    return render(request, "territories/search.html", {"query": query, "results": results})
