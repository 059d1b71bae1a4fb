"""What the ``framing`` commands share: argument types and the configuration they read.

:mod:`analysis.cli` (``framing count``) and :mod:`analysis.cli_lexicon`
(``framing lexicon``) both take ``--config FILE`` and counts that must be
positive; they are defined once here, so the commands cannot drift apart.
"""

from __future__ import annotations

import argparse
import os

from .config import CONFIG_ENV_VAR, FramingConfig, load_config


def positive(value: str) -> int:
    """An argparse type: a whole number of 1 or more.

    >>> positive("3")
    3
    """
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, got {value}")
    return number


def positive_float(value: str) -> float:
    """An argparse type: a finite number above 0.

    >>> positive_float("0.5")
    0.5
    """
    try:
        number = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a number, got {value}") from None
    if not number > 0 or number == float("inf"):
        raise argparse.ArgumentTypeError(f"must be more than 0, got {value}")
    return number


def command_config(option: str | None) -> FramingConfig | None:
    """The configuration a command reads: ``--config FILE``, else ``$FRAMING_CONFIG``, else none.

    Unlike :func:`analysis.config.load_config`, a ``framing.toml`` at the project
    root is not read: a command uses the built-in defaults unless told otherwise
    (the notebooks read the project's file).

    Parameters
    ----------
    option : str or None
        The value of ``--config``.

    Returns
    -------
    FramingConfig or None
        ``None`` when neither the option nor the variable names a file.

    Raises
    ------
    FramingInputError
        If the file named does not exist or is not a valid configuration.
    """
    named = option or os.environ.get(CONFIG_ENV_VAR) or None
    return load_config(named) if named else None
