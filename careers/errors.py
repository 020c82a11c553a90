"""Error pages that say what happened in words, for requests no honest form would send."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    context = {
        "heading": "We could not read that request",
        "explanation": "The page sent something this site's forms never send, so nothing was "
        "saved. Go back, reload the page and try again.",
        "reason": str(exception),
    }
    return render(request, "400.html", context, status=400)


def readable_method_errors(get_response):
    """Middleware: give the empty 405 of @require_GET/@require_POST a page that explains it."""

    def middleware(request: HttpRequest) -> HttpResponse:
        response = get_response(request)
        if response.status_code != 405 or response.content:
            return response
        context = {
            "heading": "That action is not available here",
            "explanation": f"This page does not accept {request.method} requests.",
        }
        page = render(request, "error.html", context, status=405)
        page["Allow"] = response["Allow"]
        return page

    return middleware
