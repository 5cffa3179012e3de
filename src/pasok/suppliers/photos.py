"""Product photos, the uploaded media (MEDIA_ROOT/products/), served by Django in development
and production alike: WhiteNoise serves only the static files, and a photo is for the people
who may see its supplier's profile (the page that shows it needs the same sign-in).

A photo passed Pillow when it was uploaded (ImageField), but a file can be an image and
something else at once: it goes out with the content type its name says, never sniffed
(nosniff), inline only for the raster types browsers show, under a policy that lets nothing
in it run or load; anything else is an attachment."""

import mimetypes
import posixpath

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_safe

from pasok.accounts.models import Organisation

from .models import Product

SHOWN_INLINE = {"image/jpeg", "image/png", "image/gif", "image/webp"}


@login_required
@require_safe
def product_photo(request, name: str):
    product = Product.objects.filter(
        photo=name,
        profile__organisation__in=Organisation.objects.visible_to(request.user)).first()
    if product is None:
        raise Http404
    try:
        photo = product.photo.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    content_type = mimetypes.guess_type(name)[0]
    inline = content_type in SHOWN_INLINE
    response = FileResponse(photo, content_type=content_type if inline
                            else "application/octet-stream")
    response["Content-Disposition"] = content_disposition_header(
        not inline, posixpath.basename(name))
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, max-age=3600"  # who may see it can change
    return response
