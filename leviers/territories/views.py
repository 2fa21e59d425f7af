"""The territory search page. The commune page composes several domains: it lives in the
journey layer with the EPCI page (leviers/journey/pages.py), at the same URLs."""

from django.shortcuts import redirect, render

from leviers.territories.search import search_territories_counted

SHOWN = 30


def search(request):
    query = request.GET.get("q", "").strip()[:100]
    results, total = search_territories_counted(query, limit=SHOWN) if query else ([], 0)
    if len(results) == 1:
        entry = results[0]
        name = "territories:commune" if entry.kind == "commune" else "territories:epci"
        return redirect(name, entry.code)
    return render(
        request, "territories/search.html", {"query": query, "results": results, "total": total}
    )
