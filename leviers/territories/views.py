"""The territory search page. The commune page composes several domains: it lives in the
journey layer with the EPCI page (leviers/journey/pages.py), at the same URLs."""

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
