"""The web layer: HTTP <-> summarizer. Pages (HTML), the JSON API, saved briefs."""
