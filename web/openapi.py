"""The OpenAPI 3.1 document of the JSON API, built from the same limits and choices the endpoint enforces."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from summarizer import AUTO, LANGUAGES, algorithm_names
from summarizer.options import MAX_SENTENCES_LIMIT, MAX_WORDS_LIMIT, WORDS_MODES
from summarizer.score import resolve_algorithm

# Other spellings the library accepts (it also ignores case and surrounding spaces).
_ALGORITHM_ALIASES = ("default", "kl-sum", "klsum", "sum-basic")


def _schemas(config: Mapping[str, Any]) -> dict[str, Any]:
    max_chars = config["MAX_DOCUMENT_CHARS"]
    max_documents = config["MAX_DOCUMENTS"]
    nullable_string = {"type": ["string", "null"]}
    languages = [AUTO, *LANGUAGES, *LANGUAGES.values()]
    algorithms = algorithm_names() + [a for a in _ALGORITHM_ALIASES if resolve_algorithm(a)]
    return {
        "InputDocument": {
            "type": "object",
            "description": "One article: its `text`, or without text the `url` of a web page, which the server "
            "fetches and reads as an uploaded .html file (title, date and the URL after redirects kept). Metadata "
            "is optional and shown back in `documents`; a title or date given wins over the page's. A link that "
            "cannot be fetched or read is left out and named in the brief's `notes`.",
            "anyOf": [
                {"required": ["text"]},
                {"required": ["url"],
                 "properties": {"url": {"type": "string", "pattern": "^[Hh][Tt][Tt][Pp][Ss]?://"}}},
            ],
            "additionalProperties": False,
            "properties": {
                "text": {"type": "string", "maxLength": max_chars, "description": "The article's text."},
                "title": nullable_string,
                "url": {
                    **nullable_string,
                    "description": "With `text`: the article's address, shown as a link only when http(s). Without "
                    "`text` (or with a blank one): the http(s) page to fetch. Pages on private, loopback, link-local "
                    "and other non-public addresses are not fetched (unless the server's SUMMARIZER_FETCH_ALLOW_HOSTS "
                    "lists them); at most "
                    f"{config['MAX_FILE_BYTES']} bytes, 5 redirects and 8 seconds a page, all of a request's links at once.",
                },
                "date": {**nullable_string, "description": "Preferably ISO 8601 (YYYY-MM-DD)."},
            },
        },
        "Options": {
            "type": "object",
            "properties": {
                "max_words": {
                    "type": ["integer", "null"],
                    "minimum": 1,
                    "maximum": MAX_WORDS_LIMIT,
                    "description": "Length of the brief in words (default 120 when neither length is given).",
                },
                "max_sentences": {
                    "type": ["integer", "null"],
                    "minimum": 1,
                    "maximum": MAX_SENTENCES_LIMIT,
                    "description": "Length of the brief in sentences; with max_words, both hold.",
                },
                "algorithm": {
                    "type": ["string", "null"],
                    "enum": [*algorithms, None],
                    "description": "consensus (the default) is ours; lexrank, textrank, lsa, luhn, kl and "
                    "sumbasic are sumy's; lead takes each article's first sentences.",
                },
                "language": {
                    "type": ["string", "null"],
                    "enum": [*languages, None],
                    "description": "auto (the default; also when absent or null): each article's language is "
                    "found, the brief is made in the language of most articles and the others are left out, said "
                    "in `notes`. A language name or ISO 639-1 code reads every article in that language.",
                },
                "words_mode": {
                    "type": ["string", "null"],
                    "enum": [*WORDS_MODES, None],
                    "description": "How max_words holds: at_most (the default) never goes over; about lets the "
                    "last sentence run over a little rather than stop short. No sentence is ever cut.",
                },
            },
        },
        "SummarizeRequest": {
            "allOf": [{"$ref": "#/components/schemas/Options"}],
            "type": "object",
            "required": ["documents"],
            "unevaluatedProperties": False,
            "properties": {
                "documents": {
                    "type": "array",
                    "maxItems": max_documents,
                    "items": {"$ref": "#/components/schemas/InputDocument"},
                },
            },
        },
        "SummarizeForm": {
            "type": "object",
            "description": "multipart/form-data: files and pasted text together. A `text` field may "
            "hold several articles separated by a line holding only `---`; a field (or piece) holding nothing "
            "but http(s) links, one or more a line, is links to fetch. A file or link that cannot be read is "
            "left out and named in the brief's `notes`.",
            "properties": {
                "files": {
                    "type": "array",
                    "maxItems": config["MAX_FILES"],
                    "items": {"type": "string", "contentMediaType": "application/octet-stream"},
                    "description": f".txt, .md, .html, .pdf or .docx; at most {config['MAX_FILE_BYTES']} bytes "
                    f"each, and at most {config['MAX_FILES']} files and links together. The type is read from the "
                    "content, not the name.",
                },
                "text": {"type": "array", "items": {"type": "string"}},
                "documents": {
                    "type": "string",
                    "description": "A JSON array of InputDocument objects.",
                },
                "max_words": {"type": "string", "pattern": "^[0-9]+$"},
                "max_sentences": {"type": "string", "pattern": "^[0-9]+$"},
                "algorithm": {"type": "string", "enum": algorithms},
                "language": {"type": "string", "enum": languages},
                "words_mode": {"type": "string", "enum": list(WORDS_MODES)},
            },
        },
        "SourceRef": {
            "type": "object",
            "required": ["document", "sentence"],
            "additionalProperties": False,
            "properties": {
                "document": {"type": "integer", "minimum": 0, "description": "Index into `documents`."},
                "sentence": {"type": "integer", "minimum": 0, "description": "Index into that document's `sentences`."},
            },
        },
        "Dispute": {
            "type": "object",
            "description": "A source sentence that reports the same thing with other figures (counts, amounts, "
            "percentages, dates): not counted in `support`.",
            "required": ["document", "sentence", "differs"],
            "additionalProperties": False,
            "properties": {
                "document": {"type": "integer", "minimum": 0, "description": "Index into `documents`."},
                "sentence": {"type": "integer", "minimum": 0, "description": "Index into that document's `sentences`."},
                "differs": {
                    "type": "array",
                    "minItems": 1,
                    "items": {
                        "type": "object",
                        "required": ["brief", "source"],
                        "additionalProperties": False,
                        "properties": {
                            "brief": {"type": "string", "description": "As the brief sentence says it: \"162\"."},
                            "source": {"type": "string", "description": "As that source says it: \"155\"."},
                        },
                    },
                },
            },
        },
        "BriefSentence": {
            "type": "object",
            "required": ["text", "score", "support", "sources"],
            "additionalProperties": False,
            "properties": {
                "text": {"type": "string"},
                "score": {"type": "number"},
                "support": {
                    "type": "integer",
                    "minimum": 1,
                    "description": "How many articles say it with the same figures and names.",
                },
                "sources": {
                    "type": "array",
                    "minItems": 1,
                    "items": {"$ref": "#/components/schemas/SourceRef"},
                    "description": "sources[0] is the sentence whose wording is shown; the others repeat it.",
                },
                "disputed_by": {
                    "type": "array",
                    "items": {"$ref": "#/components/schemas/Dispute"},
                    "description": "Sentences of other articles giving its figures other values, one per article "
                    "(empty when none; absent from briefs saved before it existed).",
                },
                "dateline": {
                    "type": "string",
                    "description": "Where its \"here\" is and which day its \"today\" is, from its source's dateline "
                    "and date (\"Ulan Bator, 1998-02-22\"), shown before it; \"\" when it needs none or its source "
                    "gave none (absent from briefs saved before it existed).",
                },
            },
        },
        "Removed": {
            "type": "object",
            "required": ["kind", "reason", "text"],
            "additionalProperties": False,
            "properties": {
                "kind": {"type": "string", "description": "e.g. boilerplate, repeated paragraph, metadata"},
                "reason": {"type": "string"},
                "text": {"type": "string"},
            },
        },
        "DocumentView": {
            "type": "object",
            "required": ["title", "url", "date", "name", "sentences", "paragraphs", "removed"],
            "additionalProperties": False,
            "properties": {
                "title": {"type": "string"},
                "url": nullable_string,
                "date": nullable_string,
                "name": {"type": "string"},
                "outlet": {"type": "string", "description": "Who published it, where it could be read; \"\" if not."},
                "place": {
                    "type": "string",
                    "description": "Where it was filed, as the dateline cleaning took off its text gave it "
                    "(\"Nicosia, Cyprus\"): the place its \"here\" means; \"\" if it had none.",
                },
                "label": {
                    "type": "string",
                    "description": "The source's name, unique in the brief: the title given, else the outlet, the "
                    "site of its URL, its file name, or \"Article N\"; a second source of the same name is "
                    "\"Name (2)\".",
                },
                "language": {
                    "type": ["string", "null"],
                    "description": "ISO 639 code of the language found in its text (e.g. \"de\"), also for "
                    "languages the summariser does not support; null when it has no text.",
                },
                "left_out": {
                    "type": ["string", "null"],
                    "description": "Why the article was not summarised (it is in another language than the "
                    "brief), or null.",
                },
                "sentences": {"type": "array", "items": {"type": "string"}},
                "paragraphs": {
                    "type": "array",
                    "items": {"type": "integer", "minimum": 0},
                    "description": "The paragraph of each sentence (same length as sentences).",
                },
                "removed": {"type": "array", "items": {"$ref": "#/components/schemas/Removed"}},
            },
        },
        "Brief": {
            "type": "object",
            "description": "The same JSON as `python -m summarizer --format json`.",
            "required": ["summary", "documents", "algorithm", "language", "input_words", "notes"],
            "additionalProperties": False,
            "properties": {
                "summary": {
                    "type": "object",
                    "required": ["text", "word_count", "sentences"],
                    "additionalProperties": False,
                    "properties": {
                        "text": {"type": "string"},
                        "word_count": {"type": "integer", "minimum": 0},
                        "sentences": {"type": "array", "items": {"$ref": "#/components/schemas/BriefSentence"}},
                    },
                },
                "documents": {"type": "array", "items": {"$ref": "#/components/schemas/DocumentView"}},
                "algorithm": {"type": "string", "enum": algorithm_names()},
                "language": {"type": "string", "enum": list(LANGUAGES)},
                "input_words": {"type": "integer", "minimum": 0},
                "notes": {"type": "array", "items": {"type": "string"}},
            },
        },
        "Error": {
            "type": "object",
            "required": ["error"],
            "additionalProperties": False,
            "properties": {
                "error": {
                    "type": "object",
                    "required": ["code", "message"],
                    "additionalProperties": False,
                    "properties": {
                        "code": {
                            "type": "string",
                            "description": "Stable, for programs: invalid_json, invalid_request, invalid_option, "
                            "request_too_large, too_many_files, too_many_documents, document_too_large, "
                            "too_much_text, unsupported_media_type, unsupported_file_type, unreadable_document, "
                            "link_not_fetched, "
                            "nothing_to_summarize, unsupported_language, rate_limited, not_found, "
                            "method_not_allowed, too_many_parts, field_too_large, took_too_long; from the "
                            "server in front (make run's nginx): server_error (502), timeout (504).",
                        },
                        "message": {"type": "string", "description": "For people: what went wrong and how to fix it."},
                    },
                }
            },
        },
    }


def _error(description: str) -> dict[str, Any]:
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
    }


def openapi_document(config: Mapping[str, Any]) -> dict[str, Any]:
    """OpenAPI 3.1 (whose schemas are JSON Schema 2020-12) for `POST /api/summarize`."""
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "News brief API",
            "version": "1.0.0",
            "description": "Summarise several news articles on one story into one deduplicated brief. "
            "Stateless: nothing sent here is stored.",
        },
        "paths": {
            "/api/summarize": {
                "post": {
                    "operationId": "summarize",
                    "summary": "Make a brief from several articles",
                    "requestBody": {
                        "required": True,
                        "content": {
                            "application/json": {"schema": {"$ref": "#/components/schemas/SummarizeRequest"}},
                            "multipart/form-data": {
                                "schema": {
                                    "allOf": [{"$ref": "#/components/schemas/SummarizeForm"}],
                                },
                                "encoding": {"files": {"contentType": "application/octet-stream"}},
                            },
                        },
                    },
                    "responses": {
                        "200": {
                            "description": "The brief. Files and links that could not be read were left out, "
                            "each named with its reason in `notes`.",
                            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Brief"}}},
                        },
                        "400": _error("Malformed JSON, a field of the wrong type, an unknown field, algorithm or "
                                      "language, or a length out of range."),
                        "405": _error("Only POST is allowed."),
                        "413": _error(
                            f"Too large: the request is over {config['MAX_CONTENT_LENGTH']} bytes, more than "
                            f"{config['MAX_FILES']} files and links, more than {config['MAX_DOCUMENTS']} articles, "
                            f"only files over {config['MAX_FILE_BYTES']} bytes, an article over "
                            f"{config['MAX_DOCUMENT_CHARS']} characters, or over {config['MAX_TOTAL_CHARS']} "
                            "characters in all; a multipart body of more "
                            f"than {config['MAX_FORM_PARTS']} parts; or a brief that took more than "
                            f"{config['REQUEST_SECONDS']} seconds to make (took_too_long)."
                        ),
                        "415": _error("The request is neither application/json nor multipart/form-data, or it "
                                      "brought only files that are not .txt, .md, .html, .pdf or .docx."),
                        "422": _error("Nothing to summarise: empty articles, articles emptied by cleaning, only "
                                      "files or links that could not be read (such as a scanned PDF without text, "
                                      "or a link to a private address: link_not_fetched; the message names each), "
                                      "or text in a language the summariser does not support."),
                        "429": {
                            **_error(f"Too many requests from this client address (the limit is "
                                     f"{config['API_RATE_LIMIT']} per address, or none when off). Wait as many "
                                     "seconds as Retry-After says."),
                            "headers": {
                                "Retry-After": {
                                    "required": True,
                                    "description": "Seconds until the client may send again.",
                                    "schema": {"type": "integer", "minimum": 1},
                                }
                            },
                        },
                    },
                }
            },
            "/api/openapi.json": {
                "get": {
                    "operationId": "openapi",
                    "summary": "This document",
                    "responses": {"200": {"description": "OpenAPI 3.1 document.",
                                          "content": {"application/json": {}}}},
                }
            },
        },
        "components": {"schemas": _schemas(config)},
    }
