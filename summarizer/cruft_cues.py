"""Clean stage, per-language cues: the words news sites and reader apps print around an article.

No kept library holds such lists for plain text. Checked: trafilatura's `utils.RE_FILTER` has only
"Drucken" and "Mehr zum Thema" beside English share words; jusText and readability judge HTML classes
and stop-word counts, not phrases. So the table below is ours: each entry is a phrase as the named
kind of site prints it (Le Monde, Le Figaro, franceinfo; Spiegel, Tagesschau, FAZ; El País, El Mundo,
RTVE; RIA Novosti, TASS, RBC, Meduza; Corriere, Repubblica; Gazeta Wyborcza, Onet; Kathimerini; NOS;
Folha; iDNES) or as the reader apps that copy such pages label their fields. clean.py applies the
English rules first and these after them, so they can only remove more, never change what English
text gives.

Dates in other languages are read by `dateparser` (installed with trafilatura's htmldate), strictly:
a line is a date only when every word of it is part of one.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

__all__ = ["Cues", "cues_for", "parse_date", "CUE_LANGUAGES"]

# kind -> phrases, per ISO 639-1 code. Kinds:
#   related   a heading over a list of other articles, or the label of an inline link to one
#   advert    a whole line that is an advertisement or page-widget label
#   share     the words a share-button row is made of (with the English ones in clean.py)
#   prompt    how a newsletter, subscription, app or follow prompt begins
#   credit    a photo credit or caption label, followed by ":"
#   byline    the word before an author's name
#   published a label before the date of publication ("Publié le")
#   stamp     a label before another time stamp (updated, created, saved, last read)
#   url       a metadata key whose value is the article's address
#   other     any other metadata key of a reader app's block ("Auteur", "Mots-clés")
_TABLE: dict[str, dict[str, tuple[str, ...]]] = {
    "fr": {
        "related": ("lire aussi", "à lire aussi", "lire également", "à lire également", "lisez aussi",
                    "voir aussi", "à voir aussi", "sur le même sujet", "sur le même thème", "à lire",
                    "les plus lus", "articles similaires", "articles connexes", "dans la même rubrique",
                    "nos derniers articles", "à découvrir", "vous aimerez aussi", "plus d'actualités"),
        "advert": ("publicité", "annonce", "contenu sponsorisé", "sponsorisé", "la suite après la publicité",
                   "la suite après cette publicité", "article réservé aux abonnés", "réservé aux abonnés",
                   "imprimer", "commenter", "réagir", "commentaires", "écouter cet article", "écouter"),
        "share": ("partager", "partagez", "partage", "tweeter", "envoyer", "par", "sur", "e-mail", "courriel",
                  "copier", "le", "lien", "cet", "article", "imprimer"),
        "prompt": ("abonnez-vous", "inscrivez-vous", "recevez", "ne manquez", "suivez-nous",
                   "téléchargez l'application", "téléchargez notre application", "déjà abonné",
                   "cet article est réservé aux abonnés", "newsletter", "la newsletter"),
        "credit": ("photo", "photos", "crédit", "crédits", "crédit photo", "crédits photo", "légende",
                   "illustration", "image", "vidéo"),
        "byline": ("par",),
        "published": ("publié le", "publié", "date de publication", "paru le", "parution", "date"),
        "stamp": ("mis à jour le", "mis à jour", "modifié le", "modifié", "créé le", "créé", "enregistré le",
                  "enregistré", "dernière lecture", "lu le"),
        "url": ("lien", "adresse", "url", "source"),
        "other": ("auteur", "auteurs", "auteure", "catégorie", "rubrique", "mots-clés", "mots clés",
                  "étiquettes", "tags", "temps de lecture", "durée de lecture", "nombre de mots", "mots",
                  "langue", "site", "éditeur", "identifiant"),
    },
    "de": {
        "related": ("mehr zum thema", "lesen sie auch", "lesen sie mehr", "auch interessant",
                    "das könnte sie auch interessieren", "das könnte sie interessieren", "weitere artikel",
                    "ähnliche artikel", "verwandte artikel", "zum thema", "meistgelesen", "meistgelesene artikel",
                    "mehr aus dem ressort", "weitere nachrichten", "empfehlungen"),
        "advert": ("anzeige", "werbung", "gesponsert", "weiter nach der anzeige", "weiter nach der werbung",
                   "artikel wird nach der anzeige fortgesetzt", "drucken", "kommentare", "kommentieren",
                   "artikel anhören", "vorlesen", "merken"),
        "share": ("teilen", "teile", "auf", "per", "e-mail", "mail", "link", "kopieren", "artikel", "diesen",
                  "drucken", "twittern"),
        "prompt": ("abonnieren sie", "jetzt abonnieren", "melden sie sich", "jetzt anmelden", "hier anmelden",
                   "folgen sie uns", "laden sie", "bleiben sie informiert", "newsletter", "zum newsletter",
                   "sie sind bereits abonnent"),
        "credit": ("foto", "fotos", "bild", "bilder", "bildquelle", "bildunterschrift", "grafik", "video"),
        "byline": ("von",),
        "published": ("veröffentlicht am", "veröffentlicht", "erschienen am", "erschienen", "publiziert am",
                      "datum"),
        "stamp": ("aktualisiert am", "aktualisiert", "zuletzt aktualisiert", "stand", "geändert am", "geändert",
                  "erstellt am", "erstellt", "gespeichert am", "gespeichert", "zuletzt gelesen"),
        "url": ("quelle", "link", "adresse", "url"),
        "other": ("autor", "autorin", "autoren", "kategorie", "rubrik", "ressort", "schlagwörter",
                  "stichwörter", "themen", "lesezeit", "lesedauer", "wörter", "wortanzahl", "sprache",
                  "herausgeber"),
    },
    "es": {
        "related": ("te puede interesar", "le puede interesar", "puede interesarte", "lee también",
                    "lea también", "leer más", "también te puede interesar", "noticias relacionadas",
                    "artículos relacionados", "más información", "lo más leído", "más noticias",
                    "te recomendamos", "contenido relacionado", "ver también"),
        "advert": ("publicidad", "anuncio", "patrocinado", "contenido patrocinado", "sigue leyendo",
                   "continúa leyendo", "seguir leyendo", "imprimir", "comentarios", "comentar",
                   "escuchar este artículo", "escuchar"),
        "share": ("compartir", "comparte", "compartir en", "en", "por", "correo", "electrónico", "enlace",
                  "copiar", "el", "este", "artículo", "imprimir", "tuitear"),
        "prompt": ("suscríbete", "suscríbase", "regístrate", "regístrese", "síguenos", "descarga la app",
                   "descarga nuestra app", "recibe", "apúntate", "ya soy suscriptor", "newsletter", "boletín"),
        "credit": ("foto", "fotos", "fotografía", "imagen", "crédito", "créditos", "vídeo", "video"),
        "byline": ("por",),
        "published": ("publicado el", "publicado", "fecha de publicación", "fecha"),
        "stamp": ("actualizado el", "actualizado", "actualización", "modificado", "creado", "guardado",
                  "última lectura"),
        "url": ("enlace", "fuente", "dirección", "url"),
        "other": ("autor", "autora", "autores", "categoría", "sección", "etiquetas", "palabras clave", "temas",
                  "tiempo de lectura", "palabras", "idioma", "editor"),
    },
    "ru": {
        "related": ("читайте также", "читайте еще", "читайте ещё", "смотрите также", "по теме", "ещё по теме",
                    "еще по теме", "похожие статьи", "похожие материалы", "другие материалы", "самое читаемое",
                    "новости по теме", "рекомендуем", "популярное", "главное"),
        "advert": ("реклама", "партнерский материал", "партнёрский материал", "на правах рекламы",
                   "продолжение ниже", "печать", "распечатать", "комментарии", "комментировать",
                   "слушать статью"),
        "share": ("поделиться", "поделитесь", "в", "на", "вконтакте", "вк", "одноклассники", "ок", "телеграм",
                  "ссылка", "ссылку", "скопировать", "копировать", "почта", "e-mail"),
        "prompt": ("подпишитесь", "подписывайтесь", "подписаться", "следите за нами", "скачайте",
                   "присоединяйтесь", "читайте нас", "оформите подписку", "рассылка"),
        "credit": ("фото", "фотография", "иллюстрация", "кадр", "источник фото", "видео", "изображение"),
        "byline": (),  # Russian bylines are labelled: "Автор: ..."
        "published": ("опубликовано", "опубликован", "дата публикации", "дата"),
        "stamp": ("обновлено", "изменено", "создано", "сохранено", "последнее прочтение", "прочитано"),
        "url": ("ссылка", "источник", "адрес", "url"),
        "other": ("автор", "авторы", "категория", "рубрика", "раздел", "теги", "метки", "ключевые слова",
                  "время чтения", "слов", "количество слов", "язык", "издание"),
    },
    "it": {
        "related": ("leggi anche", "leggi pure", "potrebbe interessarti", "articoli correlati", "vedi anche",
                    "i più letti", "altre notizie", "ti potrebbe interessare"),
        "advert": ("pubblicità", "sponsorizzato", "contenuto sponsorizzato", "stampa", "commenti", "ascolta"),
        "share": ("condividi", "condividere", "su", "per", "email", "link", "copia", "articolo", "questo"),
        "prompt": ("iscriviti", "abbonati", "seguici", "scarica l'app", "ricevi", "newsletter"),
        "credit": ("foto", "immagine", "credit", "video"),
        "byline": (),
        "published": ("pubblicato il", "pubblicato", "data"),
        "stamp": ("aggiornato il", "aggiornato", "modificato", "creato"),
        "url": ("fonte", "collegamento", "link", "url"),
        "other": ("autore", "autrice", "autori", "categoria", "sezione", "tag", "parole chiave",
                  "tempo di lettura"),
    },
    "pt": {
        "related": ("leia também", "leia mais", "veja também", "saiba mais", "notícias relacionadas",
                    "mais lidas", "você pode gostar"),
        "advert": ("publicidade", "anúncio", "patrocinado", "continua após a publicidade", "imprimir",
                   "comentários", "ouvir"),
        "share": ("compartilhar", "compartilhe", "partilhar", "no", "por", "e-mail", "link", "copiar", "este",
                  "artigo"),
        "prompt": ("assine", "inscreva-se", "siga-nos", "receba", "baixe o app", "newsletter"),
        "credit": ("foto", "fotos", "imagem", "crédito", "vídeo"),
        "byline": ("por",),
        "published": ("publicado em", "publicado", "data"),
        "stamp": ("atualizado em", "atualizado", "modificado", "criado"),
        "url": ("fonte", "link", "url"),
        "other": ("autor", "autora", "categoria", "seção", "secção", "etiquetas", "palavras-chave",
                  "tempo de leitura"),
    },
    "pl": {
        "related": ("czytaj też", "czytaj także", "czytaj również", "zobacz też", "zobacz także",
                    "przeczytaj też", "przeczytaj także", "polecamy", "najczęściej czytane", "powiązane artykuły"),
        "advert": ("reklama", "artykuł sponsorowany", "materiał partnera", "drukuj", "komentarze"),
        "share": ("udostępnij", "podziel", "się", "na", "przez", "e-mail", "link", "kopiuj", "skopiuj"),
        "prompt": ("zapisz się", "subskrybuj", "obserwuj nas", "pobierz aplikację", "newsletter"),
        "credit": ("fot", "foto", "zdjęcie", "ilustracja", "wideo"),
        "byline": (),
        "published": ("opublikowano", "data publikacji", "data"),
        "stamp": ("aktualizacja", "zaktualizowano", "utworzono"),
        "url": ("źródło", "link", "adres", "url"),
        "other": ("autor", "autorka", "kategoria", "dział", "tagi", "słowa kluczowe", "czas czytania"),
    },
    "nl": {
        "related": ("lees ook", "lees meer", "zie ook", "meer over dit onderwerp", "gerelateerde artikelen",
                    "meest gelezen"),
        "advert": ("advertentie", "gesponsord", "afdrukken", "reacties"),
        "share": ("delen", "deel", "via", "op", "e-mail", "link", "kopiëren", "dit", "artikel"),
        "prompt": ("abonneer", "schrijf je in", "meld je aan", "volg ons", "download de app", "nieuwsbrief"),
        "credit": ("foto", "beeld", "afbeelding", "video"),
        "byline": ("door",),
        "published": ("gepubliceerd op", "gepubliceerd", "datum"),
        "stamp": ("bijgewerkt op", "bijgewerkt", "aangemaakt"),
        "url": ("bron", "link", "url"),
        "other": ("auteur", "categorie", "rubriek", "trefwoorden", "leestijd"),
    },
    "el": {
        "related": ("διαβάστε επίσης", "διαβάστε ακόμη", "δείτε επίσης", "σχετικά άρθρα", "σχετικές ειδήσεις",
                    "τα πιο δημοφιλή"),
        "advert": ("διαφήμιση", "χορηγούμενο", "εκτύπωση", "σχόλια"),
        "share": ("κοινοποίηση", "μοιραστείτε", "στο", "στο", "email", "σύνδεσμος", "αντιγραφή"),
        "prompt": ("εγγραφείτε", "ακολουθήστε μας", "κατεβάστε", "newsletter"),
        "credit": ("φωτογραφία", "φωτ", "εικόνα", "βίντεο"),
        "byline": (),
        "published": ("δημοσιεύθηκε", "δημοσίευση", "ημερομηνία"),
        "stamp": ("ενημερώθηκε", "τελευταία ενημέρωση"),
        "url": ("πηγή", "σύνδεσμος", "url"),
        "other": ("συντάκτης", "συγγραφέας", "κατηγορία", "ετικέτες"),
    },
    "uk": {
        "related": ("читайте також", "дивіться також", "по темі", "за темою", "схожі статті", "новини за темою"),
        "advert": ("реклама", "на правах реклами", "друк", "коментарі"),
        "share": ("поділитися", "поширити", "в", "у", "на", "посилання", "скопіювати"),
        "prompt": ("підпишіться", "підписуйтесь", "стежте за нами", "завантажте"),
        "credit": ("фото", "ілюстрація", "відео"),
        "byline": (),
        "published": ("опубліковано", "дата публікації", "дата"),
        "stamp": ("оновлено", "змінено", "створено"),
        "url": ("посилання", "джерело", "url"),
        "other": ("автор", "категорія", "рубрика", "розділ", "теги", "мітки", "час читання"),
    },
    "cs": {
        "related": ("čtěte také", "čtěte též", "přečtěte si také", "související články", "nejčtenější"),
        "advert": ("reklama", "komerční sdělení", "tisk", "diskuse"),
        "share": ("sdílet", "sdílejte", "na", "e-mail", "odkaz", "kopírovat"),
        "prompt": ("přihlaste se", "odebírejte", "sledujte nás", "stáhněte si"),
        "credit": ("foto", "snímek", "ilustrace", "video"),
        "byline": (),
        "published": ("publikováno", "zveřejněno", "datum"),
        "stamp": ("aktualizováno", "upraveno", "vytvořeno"),
        "url": ("zdroj", "odkaz", "url"),
        "other": ("autor", "autorka", "kategorie", "rubrika", "štítky", "doba čtení"),
    },
}
CUE_LANGUAGES = tuple(sorted(_TABLE))

# Words that are not cues but may stand between them in a share row or a byline: networks are named
# alike in every language; clean.py's English share words are added there.
_NETWORKS = ("facebook", "twitter", "x", "whatsapp", "telegram", "linkedin", "reddit", "pinterest", "xing",
             "flipboard", "threads", "bluesky", "instagram", "youtube", "tiktok", "vk", "mastodon")
_NAME_JOINERS = frozenset("de da del della der den van von y e al el la le du des di dos das".split())


def _fold(text: str) -> str:
    """Casefolded, curly apostrophes made straight, spaces collapsed: the form cues are compared in."""
    return " ".join(text.replace("’", "'").casefold().split())


def _alternation(phrases: Iterable[str]) -> str:
    # Longest first, so "à lire aussi" wins over "à lire"; spaces match any run of white space.
    unique = sorted({_fold(p) for p in phrases if p}, key=len, reverse=True)
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in unique)


@dataclass(frozen=True)
class Cues:
    """The cues of a set of languages, compiled once; every method takes a line already stripped of markup."""

    languages: tuple[str, ...]
    related: re.Pattern[str]
    related_inline: re.Pattern[str]
    advert: re.Pattern[str]
    share_words: frozenset[str]
    share_verbs: frozenset[str]
    prompt: re.Pattern[str]
    credit: re.Pattern[str]
    byline: re.Pattern[str] | None
    date_label: re.Pattern[str]
    keys: dict[str, tuple[str, str]]  # folded key -> (kind, the language it is a key of)

    def related_heading(self, text: str) -> bool:
        """A heading over a list of other articles: "Lire aussi", "Mehr zum Thema :", "» Читайте также"."""
        return bool(self.related.fullmatch(_fold(text).strip(" :.–—-»>›→|•*")))

    def related_link(self, text: str) -> str | None:
        """The other article's title when the line is an inline "Lire aussi : <title>" link."""
        match = self.related_inline.fullmatch(_fold(text).lstrip(" »>›→|•*"))
        return match.group("title") if match else None

    def is_advert(self, text: str) -> bool:
        return bool(self.advert.fullmatch(_fold(text).strip(" :.–—-»>›→|•*()[]")))

    def is_share_row(self, text: str, more_words: frozenset[str] = frozenset()) -> bool:
        """A row of share buttons: only share words (these languages' and `more_words`), one a verb or network."""
        words = {w.strip(":|·•,.!()[]") for w in _fold(text).split()} - {""}
        return bool(words) and words <= self.share_words | more_words and bool(words & self.share_verbs)

    def is_prompt(self, text: str) -> bool:
        return bool(self.prompt.match(_fold(text).lstrip(" »>›→|•*")))

    def credit_value(self, text: str) -> str | None:
        """What a "Foto: dpa" / "Photo : AFP" / "Фото: ТАСС" label credits, when the line ends with one."""
        match = self.credit.search(_fold(text))
        return match.group("value") if match else None

    def is_credit(self, text: str) -> bool:
        """Whether `text` is a credit label and what it credits, whole: "Foto: Diego Grez."."""
        return self.credit.match(_fold(text)) is not None

    def byline_name(self, text: str) -> str | None:
        """The name after "Par" / "Von" / "Por" when the rest of the line is only a name (and outlet)."""
        if self.byline is None:
            return None
        match = self.byline.match(text)
        if not match:
            return None
        name = text[match.end():].strip()
        words = re.split(r"[\s,]+", name.strip(" ,"))
        if not 1 <= len(words) <= 8 or not words[0][:1].isupper():
            return None
        if all(w[:1].isupper() or w.lower() in _NAME_JOINERS or w in "|·•/–—-" for w in words):
            return name
        return None

    def key_kind(self, key: str) -> tuple[str, str] | None:
        """("published" | "stamp" | "url" | "other", language) for a reader app's field name."""
        return self.keys.get(_fold(key))

    def split_date_label(self, text: str) -> tuple[str, str, str] | None:
        """(kind, language, rest) for "Publié le 12 juillet 2024" or "Stand: 12.07.2024"."""
        match = self.date_label.match(text)
        if not match or not match.group("rest").strip():
            return None
        kind, language = self.keys[_fold(match.group("label"))]
        return kind, language, match.group("rest").strip()


@lru_cache(maxsize=64)
def cues_for(language: str | None) -> Cues:
    """The cues of `language` (ISO 639-1), or of every language in the table when it is None or absent."""
    codes = (language,) if language in _TABLE else CUE_LANGUAGES
    kinds: dict[str, list[str]] = {}
    for code in codes:
        for kind, phrases in _TABLE[code].items():
            kinds.setdefault(kind, []).extend(phrases)
    keys: dict[str, tuple[str, str]] = {}
    for kind in ("other", "url", "stamp", "published"):  # a key listed twice takes the more telling kind
        for code in codes:
            for phrase in _TABLE[code].get(kind, ()):
                if keys.get(_fold(phrase), ("",))[0] != kind:  # the first language listing it, per kind
                    keys[_fold(phrase)] = (kind, code)
    related = _alternation(kinds.get("related", ()))
    byline = kinds.get("byline", ())
    labels = _alternation(kinds.get("published", ()) + kinds.get("stamp", ()))
    return Cues(
        languages=codes,
        related=re.compile(rf"(?:{related})(?:\s*\(\d{{1,4}}\))?"),
        related_inline=re.compile(rf"(?:{related})\s*(?:[:|>»›→]+|\s[-–—]+)\s*(?P<title>\S.*)"),
        advert=re.compile(
            rf"(?:{_alternation(kinds.get('advert', ()))})"
            r"|\d+\s*(?:min\.?|minutes?|minuten|minutos|minuti|мин\.?|минут[аы]?)\s*"
            r"(?:de lecture|lesezeit|lesedauer|de lectura|di lettura|de leitura|чтения|czytania)"
        ),
        share_words=frozenset(w for p in kinds.get("share", ()) for w in _fold(p).split()) | frozenset(_NETWORKS),
        # The first two share words of each language are its verbs ("partager", "partagez"): a row of
        # prepositions and "e-mail" alone is no share row.
        share_verbs=frozenset(_fold(p) for code in codes for p in _TABLE[code]["share"][:2]) | frozenset(_NETWORKS),
        prompt=re.compile(rf"(?:{_alternation(kinds.get('prompt', ()))})\b"),
        credit=re.compile(
            rf"(?:^|[.!?\"”’)»]\s+|\s[|—–-]\s+)(?:{_alternation(kinds.get('credit', ()))})\.?\s*:\s*(?P<value>\S.*)$"
        ),
        byline=re.compile(rf"(?i:{'|'.join(re.escape(b) for b in byline)})\s+(?=\w)") if byline else None,
        date_label=re.compile(rf"(?i:(?P<label>{labels}))(?:\s*:\s*|\s+)(?P<rest>.*)") if labels else re.compile(r"(?!)"),
        keys=keys,
    )


# The words of a date line that dateparser cannot place, but that leave it a date: "12 июля 2024 г.",
# "12.07.2024, 14:03 Uhr MESZ", "mercredi 12 juillet 2024 à 10h05 (heure de Paris)".
_DATE_TRAILERS = re.compile(r"\s*(?:\(heure de paris\)|\bг\.?|\buhr\b|\bmesz\b|\bmez\b|\bcest\b|\bcet\b|\bмск\b)",
                            re.IGNORECASE)
_DATEPARSER_SETTINGS = {
    "STRICT_PARSING": True,  # the whole text must be a date: "Madrid, 12 de julio de 2024" is not one
    "REQUIRE_PARTS": ["day", "month", "year"],  # "juillet 2024" is no date of publication
    "PARSERS": ["custom-formats", "absolute-time"],  # "il y a 3 heures" depends on today: not a date
}
MAX_DATE_WORDS = 12  # the longest date line read ("mercredi 12 juillet 2024 à 10 h 05, mis à jour ...")
# ... and in characters, for scripts written without spaces (a Chinese paragraph is one "word"): longer
# text is no date line, and dateparser's work grows with it.
MAX_DATE_CHARS = 100
# Without a language, dates are read in the cue table's languages and English: dateparser's "every
# language" costs 9 ms a line (and 1 s the first time), these 2 ms.
DATE_LANGUAGES = (*CUE_LANGUAGES, "en")


def parse_date(value: str, language: str | None) -> str | None:
    """`value` as YYYY-MM-DD when all of it is one whole calendar date in `language`, else None.

    Only a value with a year in it (or a numeric date) is read: dateparser is slow on other text.
    Never raises.
    """
    text = _DATE_TRAILERS.sub("", value).strip(" ,.|·–—-")
    if (
        not text
        or len(text) > MAX_DATE_CHARS
        or len(text.split()) > MAX_DATE_WORDS
        or not re.search(r"\d{4}|\d{1,2}[./]\d{1,2}[./]\d{2}", text)
    ):
        return None
    try:
        import dateparser  # 60 ms to import: paid only when a line may be a date

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            parsed = dateparser.parse(text, languages=[language] if language else list(DATE_LANGUAGES),
                                      settings=_DATEPARSER_SETTINGS)
    except Exception:  # dateparser raises ValueError, OverflowError, ...: all mean "no date"
        return None
    if parsed is None or not 1900 <= parsed.year <= 2100:
        return None
    return parsed.date().isoformat()
