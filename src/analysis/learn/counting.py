"""The learned tagger inside the counter: ``framing count --model`` and ``FramingCounter(model=...)``.

A :class:`ModelRef` names a saved tagger by path and content (SHA-256), so that
counter settings stay a small picklable value: worker processes and Dask tasks
receive it and load the same model once each, and refuse a file that changed
in between.  :func:`model_hits` turns the tagger's spans of one analysed
document into rows of the hits table (``kind`` = ``model``) and gives the
document's ``model_expected``; :func:`model_hits_many` does it for a stream of
documents, tagged in batches (what ``framing count --model`` runs).  The tagger reuses the counter's analysis of each
document as far as its own lexicons allow (:func:`shared_analysis`): the whole of it
when the lexicons are the same, else the tokens and quoted speech, matching only its
lexicons again.
"""

from __future__ import annotations

import hashlib
from bisect import bisect_left
from collections import deque
from dataclasses import astuple, dataclass, replace
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import FramingInputError
from ..negation import is_negated
from ..tables import HitRow
from .features import WordTokens, analysed_word_tokens, word_tokens
from .model import DEFAULT_MODEL_PATH, Tagger, load_tagger

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    import numpy as np

    from ..pipeline import CounterSettings, DocumentAnalysis

#: ``category`` of every model hit.
MODEL_CATEGORY = "model"
#: ``kind`` of every model hit.
MODEL_KIND = "model"


class Shared(StrEnum):
    """How much of a counter's analysis of a document the tagger reuses (:func:`shared_analysis`).

    A :class:`str` enumeration, so that it stays a small picklable value in counter state.
    """

    #: Same lexicons, foldings and speech threshold: the whole analysis.
    ANALYSIS = "analysis"
    #: Other lexicons, same foldings and speech threshold: the tokens and quoted speech; only the
    #: tagger's lexicons are matched again.
    TOKENS = "tokens"
    #: Other foldings or speech threshold: the tagger analyses the text anew.
    NOTHING = "nothing"


@dataclass(frozen=True)
class ModelRef:
    """A saved tagger, by path and content.

    Attributes
    ----------
    name : str
        ``default`` for the shipped model, else the file name without ``.skops``
        (written to the ``entry`` column of model hits).
    path : str
        The absolute path of the ``.skops`` file.
    sha256 : str
        SHA-256 of its bytes when the counter was built.
    """

    name: str
    path: str
    sha256: str


def resolve_model(spec: str | Path | ModelRef) -> ModelRef:
    """The :class:`ModelRef` of ``default`` or a model file.

    Parameters
    ----------
    spec : str, Path or ModelRef
        ``"default"`` (the shipped model), a path to a ``.skops`` file saved by
        :meth:`~analysis.learn.model.Tagger.save`, or a reference already resolved.

    Returns
    -------
    ModelRef

    Raises
    ------
    FramingInputError
        Naming the file when it cannot be read.
    """
    if isinstance(spec, ModelRef):
        return spec
    if not str(spec).strip():  # Path("") is the working folder: never read it as the model
        raise FramingInputError("--model", "is empty (an unset shell variable?): give --model default, the .skops "
                                "file written by framing train, or leave --model out for no model.")  # fmt: skip
    default = str(spec) == "default"
    path = (DEFAULT_MODEL_PATH if default else Path(spec)).resolve()
    try:
        data = path.read_bytes()
    except OSError as error:
        raise FramingInputError(path, f"cannot be read as a model ({error.strerror}); {_MODEL_ADVICE}") from None
    name = "default" if default else path.name.removesuffix(".skops")
    return ModelRef(name, str(path), hashlib.sha256(data).hexdigest())


def load_model(ref: ModelRef) -> Tagger:
    """Load the tagger ``ref`` names, checking that the file is still the one it names.

    Parameters
    ----------
    ref : ModelRef
        From :func:`resolve_model`.

    Returns
    -------
    Tagger

    Raises
    ------
    FramingInputError
        Naming the file: it changed since the counter was built (a worker would
        tag with another model), or it is not a safe saved tagger
        (:func:`~analysis.learn.model.load_tagger`).
    """
    path = Path(ref.path)
    if resolve_model(path).sha256 != ref.sha256:
        raise FramingInputError(path, "changed while counting (its SHA-256 is not the one the run started with).")
    try:
        return load_tagger(path)
    except FramingInputError as error:  # what it is not, then what to give instead
        raise FramingInputError(error.path, f"{error.problem.rstrip('.')}; {_MODEL_ADVICE}") from None


#: What to give ``--model`` instead of a file that is not a saved tagger.
_MODEL_ADVICE = "give --model default or the .skops file written by framing train."


def shared_analysis(settings: CounterSettings, tagger: Tagger) -> Shared:
    """How much of a counter's analysis of a document the tagger can reuse for its features.

    The tagger's dictionary features must come from its own lexicons (for the shipped
    model, the frozen copies beside it), never from the counter's.

    Parameters
    ----------
    settings : CounterSettings
        The counter's (its ``model`` is ignored: model hits are added after the tagger ran).
    tagger : Tagger
        The model.

    Returns
    -------
    Shared
        :attr:`Shared.ANALYSIS`, :attr:`Shared.TOKENS` or :attr:`Shared.NOTHING`.
    """
    own = tagger.counter.settings
    if replace(settings, model=None).key() == own.key():
        return Shared.ANALYSIS
    if astuple(settings.folding) == astuple(own.folding) and settings.min_speech_words == own.min_speech_words:
        return Shared.TOKENS
    return Shared.NOTHING


def tagger_tokens(tagger: Tagger, analysis: DocumentAnalysis, shared: Shared) -> WordTokens:
    """The tagger's word tokens of a document a counter has analysed, reusing what ``shared`` allows.

    Parameters
    ----------
    tagger : Tagger
        The model.
    analysis : DocumentAnalysis
        The counter's analysis (dictionary hits only, no model hits).
    shared : Shared
        From :func:`shared_analysis`.

    Returns
    -------
    WordTokens
        Equal to :func:`~analysis.learn.features.word_tokens` with the tagger's counter.
    """
    if shared is Shared.ANALYSIS:
        return analysed_word_tokens(analysis)
    if shared is Shared.TOKENS:
        return analysed_word_tokens(tagger.counter.analyze_tokens(analysis.tokens, analysis.quotations,
                                                                  analysis.doc_id))  # fmt: skip
    return word_tokens(tagger.counter, analysis.doc_id, analysis.tokens.text)


def model_hits(tagger: Tagger, analysis: DocumentAnalysis, *, shared: Shared, name: str) -> tuple[list[HitRow], float]:
    """The tagger's spans in an analysed document as hits rows, and its ``model_expected``.

    Parameters
    ----------
    tagger : Tagger
        The model.
    analysis : DocumentAnalysis
        The counter's analysis of the document (tokens, quoted speech, hits).
    shared : Shared
        What of ``analysis`` the tagger reuses (:func:`shared_analysis`); its dictionary
        features always come from the lexicons it was trained with.
    name : str
        The model's name, written to ``entry``.

    Returns
    -------
    hits : list of HitRow
        ``kind`` and ``category`` ``model``, ``label`` the technique, ``score`` the
        span's probability; located in ``analysis``'s tokens, so ``text[start:end] == surface``.
    model_expected : float
        The sum of the word tokens' probabilities (rounded to 6 decimals).
    """
    return span_hits(tagger, analysis, tagger.analyse_tokens(tagger_tokens(tagger, analysis, shared)), name)


def model_hits_many(
    tagger: Tagger, analyses: Iterable[DocumentAnalysis], *, shared: Shared, name: str
) -> Iterator[tuple[DocumentAnalysis, list[HitRow], float]]:
    """:func:`model_hits` of many documents, the tagger scoring them in batches (:meth:`Tagger.analyse_tokens_many`).

    Parameters
    ----------
    tagger : Tagger
        The model.
    analyses : iterable of DocumentAnalysis
        The counter's analyses (dictionary hits only); read a batch ahead of what is yielded.
    shared : Shared
        What of each analysis the tagger reuses (:func:`shared_analysis`).
    name : str
        The model's name, written to ``entry``.

    Yields
    ------
    analysis, hits, model_expected
        Each analysis in order, with what :func:`model_hits` gives for it.
    """
    waiting: deque[DocumentAnalysis] = deque()

    def tokens() -> Iterator[WordTokens]:
        for analysis in analyses:
            waiting.append(analysis)
            yield tagger_tokens(tagger, analysis, shared)

    for tagged in tagger.analyse_tokens_many(tokens()):
        analysis = waiting.popleft()
        yield analysis, *span_hits(tagger, analysis, tagged, name)


def span_hits(
    tagger: Tagger, analysis: DocumentAnalysis, tagged: tuple[WordTokens, np.ndarray, np.ndarray], name: str
) -> tuple[list[HitRow], float]:
    """The hits rows and ``model_expected`` of :func:`model_hits` from the tagger's output on the document.

    Parameters
    ----------
    tagger : Tagger
        The model.
    analysis : DocumentAnalysis
        The counter's analysis of the document.
    tagged : tuple
        ``doc, loaded, name_calling`` from :meth:`Tagger.analyse_tokens` (or ``analyse_tokens_many``).
    name : str
        The model's name, written to ``entry``.

    Returns
    -------
    hits, model_expected
        As :func:`model_hits`.
    """
    doc, loaded, name_calling = tagged
    return spans_as_hits(analysis, tagger.spans(doc, loaded, name_calling), name), round(float(loaded.sum()), 6)


def spans_as_hits(analysis: DocumentAnalysis, spans: Iterable[dict], entry: str) -> list[HitRow]:
    """The tagger's spans (``label, surface, start, end, score``) as model hits rows of ``analysis``'s document.

    Spans are whole tokens; found by offset, so a tagger with other lexicons (its own
    analysis of the same text) locates its spans in the counter's tokens just the same.
    ``entry`` is the model's name (or, for near misses, what they are).
    """
    tokens = analysis.tokens
    rows = []
    for span in spans:
        first = bisect_left(tokens.start, span["start"])
        last = bisect_left(tokens.end, span["end"])
        rows.append(HitRow(
            analysis.doc_id, MODEL_KIND, span["label"], MODEL_CATEGORY, span["surface"], span["start"], span["end"],
            tokens.paragraph[first], tokens.sentence[first], tokens.quoted[first], entry, 0, first, last + 1,
            is_negated(tokens, first), span["score"],
        ))  # fmt: skip
    return rows
