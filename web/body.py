"""Request bodies within the limits, and which limit a refused one broke.

Werkzeug answers every limit on a body with the same bare 413: the whole body over MAX_CONTENT_LENGTH,
one form field over MAX_FORM_MEMORY_SIZE, or more than MAX_FORM_PARTS multipart parts. The request class
here says which, so the message names the part count or the field rather than blaming the byte size.
And a chunked body (no Content-Length) is cut at MAX_CONTENT_LENGTH by Werkzeug without a word: read_all
turns that into the 413 it is, where the JSON parser would otherwise call the cut body invalid JSON.
"""

from __future__ import annotations

from flask import Flask, Request
from werkzeug.exceptions import RequestEntityTooLarge
from werkzeug.formparser import FormDataParser


class TooManyParts(RequestEntityTooLarge):
    """A multipart body with more parts (fields and files) than MAX_FORM_PARTS."""

    def __init__(self, limit: int):
        super().__init__(f"more than {limit} multipart parts")
        self.limit = limit


class FieldTooLarge(RequestEntityTooLarge):
    """One multipart text field over MAX_FORM_MEMORY_SIZE bytes."""

    def __init__(self, limit: int):
        super().__init__(f"a form field over {limit} bytes")
        self.limit = limit


def _raised_in(error: BaseException) -> str:
    """The name of the function the error was raised in (the innermost frame of its traceback)."""
    tb = error.__traceback__
    while tb is not None and tb.tb_next is not None:
        tb = tb.tb_next
    return tb.tb_frame.f_code.co_name if tb is not None else ""


class _FormDataParser(FormDataParser):
    def _parse_multipart(self, stream, mimetype, content_length, options):
        try:
            return super()._parse_multipart(stream, mimetype, content_length, options)
        except RequestEntityTooLarge as error:
            if type(error) is not RequestEntityTooLarge:
                raise
            # Werkzeug 3.1 raises the part limit in MultipartDecoder.next_event, the field limit in
            # receive_data or MultiPartParser.parse, the body limit in the stream (tests/test_server.py
            # pins all three, so a Werkzeug that moves them is noticed).
            where = _raised_in(error)
            if where == "next_event" and self.max_form_parts is not None:
                raise TooManyParts(self.max_form_parts) from None
            if where in ("receive_data", "parse") and self.max_form_memory_size is not None:
                raise FieldTooLarge(self.max_form_memory_size) from None
            raise


def read_all(request: Request) -> bytes:
    """The whole body, or RequestEntityTooLarge when it is over MAX_CONTENT_LENGTH, chunked bodies included.

    Werkzeug stops reading a chunked body at the limit and hands over what it read; a body that reaches
    the limit is taken to go past it (one of exactly the limit is refused too: there is no telling them
    apart without reading on, which Werkzeug refuses).
    """
    data = request.get_data(cache=False)
    limit = request.max_content_length
    if request.content_length is None and limit is not None and len(data) >= limit:
        raise RequestEntityTooLarge()
    return data


def init_app(app: Flask) -> None:
    """Give the app's request class (htmx-flask's, which adds `request.htmx`) the form parser above."""
    app.request_class = type("BoundedRequest", (app.request_class,), {"form_data_parser_class": _FormDataParser})
