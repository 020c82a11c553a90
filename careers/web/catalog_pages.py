"""The public pages: the landing page, the two tracks side by side, a track, and one of its levels.

Everything shown comes from the catalog (careers/catalog/public.py), so an editor's change shows
at once; each page is the same for everyone signed out, and kept (careers/web/pagecache.py).
"""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from careers.catalog import public
from careers.catalog.models import Level
from careers.quiz.quick import PROMISED_QUESTIONS
from careers.web.pagecache import cached_page


@require_GET
@cached_page
def home(request: HttpRequest) -> HttpResponse:
    """The landing page: what the app does and for whom, the tracks and the headline figures."""
    context = {**public.landing(), "promised_questions": PROMISED_QUESTIONS}
    return render(request, "careers/home.html", context)


@require_GET
@cached_page
def tracks(request: HttpRequest) -> HttpResponse:
    """Both tracks side by side: scope, pay, ladder, exits, demand, skills and the FAQ."""
    return render(request, "careers/tracks.html", public.comparison())


@require_GET
@cached_page
def track(request: HttpRequest, slug: str) -> HttpResponse:
    """One track: responsibilities, ladder, skills per level, upskilling steps and exits."""
    outline = public.track_outlines().get(slug)
    if outline is None:
        raise Http404("No such track.")
    return render(request, "careers/track.html", outline)


@require_GET
@cached_page
def track_level(request: HttpRequest, slug: str, level: str) -> HttpResponse:
    """One level of a track: what it does and the skills it requires, with steps and resources."""
    band = public.LEVEL_BANDS.get(level)
    if band is None:
        raise Http404("No such level.")
    current = get_object_or_404(Level.objects.with_track(), track__slug=slug, band=band)
    return render(request, "careers/level.html", public.level_outline(current))
