"""A twelfth blind, hit-level check of dictionary precision: one lexicon version, a large sample (2026-12-02, "k").

The eleven earlier holdouts each measured a different lexicon version (fixes were applied between
them), so their pool describes "the lexicon lately", and no single sample was large enough to show
actor precision of 97 % with a 95 % interval. This one is drawn once, at ``13115a3`` (the eleventh's
rules applied), large: 2,000 actor hits and 400 term hits (:data:`N_ACTORS`, :data:`N_TERMS`), and the
lexicons and matcher are not changed until it is scored. The lines are split into :data:`N_PARTS`
sheets of equal size (``blind_part1.csv`` ...), each judged blind by a separate coding session by the
written criteria of the earlier holdouts; ``judgments_partN.csv`` hold their verdicts and ``join``
puts them together into ``judgments.csv``. Sense only, as the sixth to eleventh: no quoted-speech verdicts.

Usage (from the repository root, ``PYTHONPATH=src``)::

    python data/validation/holdout_2026-12-02k/holdout.py draw [HITS_CSV]
    python data/validation/holdout_2026-12-02k/holdout.py parts
    python data/validation/holdout_2026-12-02k/holdout.py join
    python data/validation/holdout_2026-12-02k/holdout.py fixes HITS_CSV
    python data/validation/holdout_2026-12-02k/holdout.py score
    python data/validation/holdout_2026-12-02k/holdout.py recode_sheet
    python data/validation/holdout_2026-12-02k/holdout.py recode

``draw`` needs ``../shared/data/news_corpus_saudinewsnet_20k.csv.gz`` (not shipped): the first
holdout's ``draw`` with this folder, :data:`SEED` and the sizes (it leaves out every hit already
judged for sense or actor, by that script's ``judged_offsets`` and the folders' ``judged.toml``).
``parts`` splits the blind sheet and the paragraph contexts into the coders' sheets; ``join`` checks
and concatenates their verdicts. ``fixes HITS_CSV`` lists every hit of that ``hits.csv`` that each
rule of :data:`RULES` would remove, into ``suggested_fixes.csv``. ``recode_sheet`` draws the recoders'
subsample (every line judged wrong, a random share of the right ones) and ``recode`` scores it. ``score`` reads only committed
files (this folder's and the eleven earlier holdouts') and prints and returns every number of the
README.
"""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import pandas as pd

HERE = Path(__file__).resolve().parent
VALIDATION = HERE.parent
ELEVENTH_FOLDER = VALIDATION / "holdout_2026-12-02j"
#: Chosen and committed before any line was drawn or judged.
SEED = 202612033
#: Large enough that 97.7 % (the recent samples' level) would give a Wilson lower bound above 97 %.
N_TERMS = 400
N_ACTORS = 2000
#: The coders' sheets: each holds every N_PARTS-th line of each lexicon (equal shares of terms and actors).
N_PARTS = 5
#: This sample's name among the holdouts, and the two pools of the pooled precision.
NAME = "twelfth"
POOLS = ("earlier eleven", "all twelve")


def _script(folder: Path, name: str) -> ModuleType:
    """A holdout folder's ``holdout.py`` as a fresh module called ``name``."""
    spec = importlib.util.spec_from_file_location(name, folder / "holdout.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


#: The eleventh holdout's script as it is: its earlier samples; through it the sixth's method and report.
ELEVENTH = _script(ELEVENTH_FOLDER, "holdout_eleventh")
SIXTH = ELEVENTH.SIXTH
METHOD = SIXTH.METHOD

#: Suggested rules, written after scoring from this sample's wrong lines (none applied here).
RULES: list[dict[str, str]] = []

#: The suggested rules' census (``fixes``): the fourth's, given this folder.
RULE_MATCHER = SIXTH.RULE_MATCHER


def draw(hits_csv: str | None = None) -> None:
    """Write this folder's ``blind.csv``, ``key.csv``, ``quoted_context.csv`` and ``population.csv``."""
    METHOD.draw(hits_csv, here=HERE, seed=SEED, n_terms=N_TERMS, n_actors=N_ACTORS)


def part_of(sample_ids: pd.Series, n_parts: int = N_PARTS) -> pd.Series:
    """The coder's sheet (1 to ``n_parts``) of each line: its number within its lexicon, round robin."""
    numbers = sample_ids.str[1:].astype(int)
    return (numbers - 1) % n_parts + 1


def parts(here: Path = HERE, n_parts: int = N_PARTS) -> None:
    """Write ``blind_partN.csv`` and ``quoted_context_partN.csv`` for each coder into ``here``.

    A later holdout passes its own folder (and number of coders); the defaults are this one's.
    """
    blind = pd.read_csv(here / "blind.csv", keep_default_na=False)
    context = pd.read_csv(here / "quoted_context.csv", keep_default_na=False)
    for number in range(1, n_parts + 1):
        blind[part_of(blind["sample_id"], n_parts) == number].to_csv(here / f"blind_part{number}.csv", index=False)
        mine = context[part_of(context["sample_id"], n_parts) == number]
        mine.to_csv(here / f"quoted_context_part{number}.csv", index=False)


def join(here: Path = HERE, n_parts: int = N_PARTS) -> pd.DataFrame:
    """Check every coder's ``judgments_partN.csv`` in ``here`` against its sheet and write ``judgments.csv``."""
    sheets = []
    for number in range(1, n_parts + 1):
        path = here / f"judgments_part{number}.csv"
        verdicts = pd.read_csv(path, keep_default_na=False)
        expected = pd.read_csv(here / f"blind_part{number}.csv", keep_default_na=False)["sample_id"]
        if list(verdicts.columns) != ["sample_id", "correct", "borderline", "reason"]:
            raise ValueError(f"{path.name}: columns must be sample_id, correct, borderline, reason")
        if sorted(verdicts["sample_id"]) != sorted(expected):
            missing = sorted(set(expected) - set(verdicts["sample_id"]))[:5]
            raise ValueError(f"{path.name}: the sample ids differ from blind_part{number}.csv (missing e.g. {missing})")
        sheets.append(verdicts.assign(part=number))
    joined = pd.concat(sheets, ignore_index=True)
    order = pd.read_csv(here / "blind.csv", keep_default_na=False)["sample_id"]
    joined = joined.set_index("sample_id").loc[order].reset_index()
    joined.drop(columns="part").to_csv(here / "judgments.csv", index=False)
    return joined


def fixes(hits_csv: str) -> None:
    """Write ``suggested_fixes.csv`` for :data:`RULES` (the fourth's ``fixes``, in this folder)."""
    RULE_MATCHER.fixes(hits_csv, rules=RULES, here=HERE)


def samples() -> dict[str, pd.DataFrame]:
    """Every holdout's joined lines: the eleven earlier ones by their own scripts, this one last."""
    lines: dict[str, pd.DataFrame] = {**ELEVENTH.samples(), NAME: SIXTH.judged_lines(HERE)}
    return lines


# -- recode: two blind recoders on a stratified subsample ----------------------------------------

#: The subsample's seed and sizes: every line a coder judged wrong, and of the lines judged right
#: 48 actor and 12 term lines per coder's sheet (the draw is in ``recode_key.csv``).
RECODE_SEED = 202612034
RECODE_RIGHT = {"A": 48, "T": 12}
#: Recoder 2 saw about a dozen of the first coders' verdicts by accident (a grep over every holdout's
#: ``judgments.csv``) before finishing; these lines are marked in its reasons and left out where said.
CONTAMINATED_MARK = "[CONTAMINATED"


def recode_sheet(here: Path = HERE, seed: int = RECODE_SEED, right: dict[str, int] = RECODE_RIGHT,
                 n_parts: int = N_PARTS) -> pd.DataFrame:  # fmt: skip
    """Draw the recode subsample and write ``recode/recode_key.csv``, ``recode_blind.csv``, ``recode_context.csv``.

    Every line the first coders judged wrong, and per coder's sheet a simple random sample of ``right``
    lines judged right per lexicon prefix (``A``, ``T``), shuffled and renamed ``R001`` ... so that the
    first verdicts cannot be read off the order or the ids.
    """
    import numpy as np

    rng = np.random.default_rng(seed)
    first = pd.read_csv(here / "judgments.csv", keep_default_na=False)
    part, prefix = part_of(first["sample_id"], n_parts), first["sample_id"].str[0]
    chosen = [first[first["correct"] == 0]]
    for number in range(1, n_parts + 1):
        for letter, size in right.items():
            pool = first[(part == number) & (prefix == letter) & (first["correct"] == 1)]
            chosen.append(pool.iloc[np.sort(rng.choice(len(pool), size=size, replace=False))])
    drawn = pd.concat(chosen)
    drawn = drawn.iloc[rng.permutation(len(drawn))].reset_index(drop=True)
    key = pd.DataFrame({"recode_id": [f"R{i:03d}" for i in range(1, len(drawn) + 1)], "sample_id": drawn["sample_id"]})
    (here / "recode").mkdir(exist_ok=True)
    key.to_csv(here / "recode" / "recode_key.csv", index=False)
    for table, name in (("blind.csv", "recode_blind.csv"), ("quoted_context.csv", "recode_context.csv")):
        lines = pd.read_csv(here / table, keep_default_na=False)
        key.merge(lines, on="sample_id").drop(columns="sample_id").to_csv(here / "recode" / name, index=False)
    return key


def recoded_lines(here: Path = HERE, n_parts: int = N_PARTS) -> pd.DataFrame:
    """The subsample's lines with the first coder's verdict (``first``), the part and both recoders' verdicts."""
    key = pd.read_csv(here / "recode" / "recode_key.csv")
    first = pd.read_csv(here / "judgments.csv", keep_default_na=False)[["sample_id", "correct"]]
    lines = key.merge(first.rename(columns={"correct": "first"}), on="sample_id", validate="1:1")
    for number in (1, 2):
        verdicts = pd.read_csv(here / "recode" / f"recode_judgments_{number}.csv", keep_default_na=False)
        if sorted(verdicts["recode_id"]) != sorted(key["recode_id"]):
            raise ValueError(f"recode_judgments_{number}.csv: the ids differ from recode_key.csv")
        renamed = verdicts.rename(columns={"correct": f"recoder{number}", "reason": f"reason{number}"})
        lines = lines.merge(renamed[["recode_id", f"recoder{number}", f"reason{number}"]], on="recode_id")
    lines["lexicon"] = lines["sample_id"].str[0].map({"A": "actor", "T": "term"})
    lines["part"] = part_of(lines["sample_id"], n_parts)
    lines["contaminated"] = lines["reason2"].str.contains(CONTAMINATED_MARK, regex=False)
    lines["majority"] = ((lines["first"] + lines["recoder1"] + lines["recoder2"]) >= 2).astype(int)
    # Without recoder 2's contaminated verdicts: recoder 1 decides where the first coder and it differ.
    lines["majority_clean"] = lines["majority"].where(~lines["contaminated"], lines["recoder1"])
    return lines


def agreement(lines: pd.DataFrame) -> pd.DataFrame:
    """Raw agreement and Cohen's kappa of each pair of coders, over all lines and without the contaminated ones.

    The subsample over-represents the first coders' wrong lines (all 47 are in it), so these figures
    describe agreement on hard lines, not on a random sample; the weighted precision below accounts
    for the design.
    """
    from analysis.coding.agreement import cohens_kappa

    rows = []
    for subset, chosen in (("all", lines), ("without contaminated", lines[~lines["contaminated"]])):
        for a, b in (("first", "recoder1"), ("first", "recoder2"), ("recoder1", "recoder2")):
            same = int((chosen[a] == chosen[b]).sum())
            rows.append({"lines": subset, "pair": f"{a}-{b}", "agree": same, "n": len(chosen),
                         "share": same / len(chosen), "kappa": cohens_kappa(chosen, a, b)})  # fmt: skip
    return pd.DataFrame(rows)


def weighted_precision(
    lines: pd.DataFrame, verdict: str = "majority", draws: int = 2000, here: Path = HERE, n_parts: int = N_PARTS
) -> pd.DataFrame:
    """Each lexicon's precision with ``verdict`` (an adjudicated column) in place of the first coders'.

    The strata are (coder's sheet, first verdict) within a lexicon: a wrong stratum was recoded whole,
    a right one by a simple random sample; each stratum's share judged right by ``verdict`` is weighted
    by its size in the whole sample. The interval is the 2.5 and 97.5 percentiles of a two-stage
    bootstrap (numpy seed :data:`RECODE_SEED`): the whole sample's lines are redrawn (so the strata's
    sizes vary, as the first draw's sampling error), then the recoded lines within every stratum.
    """
    import numpy as np

    whole = pd.read_csv(here / "judgments.csv", keep_default_na=False)
    whole["lexicon"] = whole["sample_id"].str[0].map({"A": "actor", "T": "term"})
    whole["stratum"] = part_of(whole["sample_id"], n_parts) * 2 + whole["correct"]
    lines = lines.assign(stratum=lines["part"] * 2 + lines["first"])
    rng = np.random.default_rng(RECODE_SEED)
    rows = []
    for lexicon in ("term", "actor"):
        mine = whole[whole["lexicon"] == lexicon]["stratum"].to_numpy()
        recoded = {
            stratum: lines.loc[(lines["lexicon"] == lexicon) & (lines["stratum"] == stratum), verdict].to_numpy()
            for stratum in np.unique(mine)
        }
        shares = {stratum: values.mean() for stratum, values in recoded.items()}
        estimate = float(np.mean([shares[stratum] for stratum in mine]))
        boot = np.empty(draws)
        for draw in range(draws):
            redrawn = rng.choice(mine, size=len(mine), replace=True)
            share = {s: rng.choice(v, size=len(v), replace=True).mean() for s, v in recoded.items()}
            boot[draw] = np.mean([share[stratum] for stratum in redrawn])
        rows.append({"lexicon": lexicon, "verdict": verdict, "n": len(mine), "right": round(estimate * len(mine), 1),
                     "precision": estimate, "low": float(np.percentile(boot, 2.5)),
                     "high": float(np.percentile(boot, 97.5))})  # fmt: skip
    return pd.DataFrame(rows)


def coders(here: Path = HERE, n_parts: int = N_PARTS) -> pd.DataFrame:
    """Each coder's sheet: right and n per lexicon, and a chi-square test that the five sheets share one precision.

    The sheets are random thirds of one sample, so a difference beyond chance is a difference between the
    coders (or chance at the test's level); the recode tells which.
    """
    from scipy.stats import chi2_contingency

    whole = pd.read_csv(here / "judgments.csv", keep_default_na=False)
    whole["lexicon"] = whole["sample_id"].str[0].map({"A": "actor", "T": "term"})
    whole["part"] = part_of(whole["sample_id"], n_parts)
    rows = []
    for lexicon, mine in whole.groupby("lexicon", sort=False):
        table = mine.groupby("part")["correct"].agg(["sum", "count"])
        p_value = float(chi2_contingency([table["sum"], table["count"] - table["sum"]])[1])
        for part, line in table.iterrows():
            rows.append({"lexicon": lexicon, "part": part, "right": int(line["sum"]), "n": int(line["count"]),
                         "precision": line["sum"] / line["count"], "chi2_p": p_value})  # fmt: skip
    return pd.DataFrame(rows)


def recode(here: Path = HERE, n_parts: int = N_PARTS) -> dict[str, pd.DataFrame]:
    """Every number of the README's recode section, printed and returned (``here``: the holdout folder)."""
    lines = recoded_lines(here, n_parts)
    numbers = {
        "coders": coders(here, n_parts),
        "design": lines.groupby(["lexicon", "first"]).size().rename("lines").reset_index(),
        "agreement": agreement(lines),
        "precision": pd.concat(
            [weighted_precision(lines, verdict, here=here, n_parts=n_parts) for verdict in ("majority", "majority_clean")]
        ),
        "overturned": lines[lines["first"] != lines["majority"]][["recode_id", "sample_id", "first", "recoder1", "recoder2", "contaminated"]],
    }  # fmt: skip
    with pd.option_context("display.width", 250):
        for name, table in numbers.items():
            print(f"== {name}")
            print(table.round(3).to_string(index=False))
    return numbers


class LaterHoldout:
    """A later holdout drawn, dealt, judged and recoded as this one: its folder, seed and sizes.

    The thirteenth and later folders hold one of these (``HOLDOUT``) and expose its methods as their
    script's commands, so that only their constants differ. ``earlier`` returns the earlier samples
    (the previous holdout's ``samples``), to which this one's lines are added under ``name``. (A plain
    class: the scripts are loaded from their files without a module name, which dataclasses need.)
    """

    def __init__(
        self,
        here: Path,
        seed: int,
        n_terms: int,
        n_actors: int,
        recode_seed: int,
        recode_right: dict[str, int],
        name: str,
        pools: tuple[str, str],
        earlier: Callable[[], dict[str, pd.DataFrame]],
        n_parts: int = N_PARTS,
    ) -> None:
        self.here, self.seed, self.n_terms, self.n_actors = here, seed, n_terms, n_actors
        self.recode_seed, self.recode_right, self.n_parts = recode_seed, recode_right, n_parts
        self.name, self.pools, self.earlier = name, pools, earlier

    def draw(self, hits_csv: str | None = None) -> None:
        """Write the folder's ``blind.csv``, ``key.csv``, ``quoted_context.csv`` and ``population.csv``."""
        METHOD.draw(hits_csv, here=self.here, seed=self.seed, n_terms=self.n_terms, n_actors=self.n_actors)

    def parts(self) -> None:
        """The coders' sheets (:func:`parts` in the folder)."""
        parts(self.here, self.n_parts)

    def join(self) -> pd.DataFrame:
        """The coders' verdicts checked and joined (:func:`join` in the folder)."""
        return join(self.here, self.n_parts)

    def recode_sheet(self) -> pd.DataFrame:
        """The recoders' subsample (:func:`recode_sheet` with the folder's seed and sizes)."""
        return recode_sheet(self.here, self.recode_seed, self.recode_right, self.n_parts)

    def recode(self) -> dict[str, pd.DataFrame]:
        """The recode's numbers (:func:`recode` in the folder)."""
        return recode(self.here, self.n_parts)

    def samples(self) -> dict[str, pd.DataFrame]:
        """Every holdout's joined lines: the earlier ones by their own scripts, this one last."""
        return {**self.earlier(), self.name: SIXTH.judged_lines(self.here)}

    def score(self) -> dict[str, Any]:
        """Every number of the folder's README (the sixth's ``report`` of this sample and the earlier ones)."""
        numbers: dict[str, Any] = SIXTH.report(self.samples(), self.name, self.here, self.pools)
        return numbers

    def main(self, argv: list[str], usage: str | None) -> None:
        """Run the command ``argv[1]`` (``draw [HITS_CSV]``, ``parts``, ``join``, ``score``, ``recode_sheet``, ``recode``)."""
        commands: dict[str, Callable[..., object]] = {
            "draw": self.draw,
            "parts": self.parts,
            "join": self.join,
            "score": self.score,
            "recode_sheet": self.recode_sheet,
            "recode": self.recode,
        }
        if len(argv) < 2 or argv[1] not in commands:
            sys.exit(usage)
        commands[argv[1]](*argv[2:])


def score() -> dict[str, Any]:
    """Every number of the README, printed and returned (the sixth's ``report`` of this sample).

    This sample alone is the figure for ``13115a3``; the pooled figures are of twelve lexicon versions.
    """
    lines = samples()
    numbers: dict[str, Any] = SIXTH.report(lines, NAME, HERE, POOLS)
    return numbers


if __name__ == "__main__":
    commands: dict[str, Callable[..., object]] = {
        "draw": draw,
        "parts": parts,
        "join": join,
        "fixes": fixes,
        "score": score,
        "recode": recode,
        "recode_sheet": recode_sheet,
    }
    if len(sys.argv) < 2 or sys.argv[1] not in commands:
        sys.exit(__doc__)
    commands[sys.argv[1]](*sys.argv[2:])
