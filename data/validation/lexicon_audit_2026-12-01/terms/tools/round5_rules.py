"""Round 5 rule edits of loaded_terms.csv (entries below 90 % after round 4), as run.

Designed on lines judged in rounds 0-4 only (``round5.py design``); run from the repository root.
"""

import pandas as pd

P = "data/lexicons/loaded_terms.csv"
L = pd.read_csv(P, dtype=str, keep_default_na=False).set_index("term", drop=False)


def add(term: str, col: str, val: str) -> None:
    """Append ``val`` to a ``|``-separated cell."""
    L.loc[term, col] = (L.loc[term, col] + "|" + val) if L.loc[term, col] else val


def drop(term: str, col: str, vals: str) -> None:
    """Remove the ``|``-separated ``vals`` from a cell."""
    gone = set(vals.split("|"))
    L.loc[term, col] = "|".join(x for x in L.loc[term, col].split("|") if x not in gone)


def note(term: str, text: str) -> None:
    """Say in the row's note what round 5 changed."""
    L.loc[term, "note"] = L.loc[term, "note"].rstrip() + " Round 5: " + text


SPORT = "!كأس|!الدوري|!مباراة|!مباريات|!المنتخب|!منتخب|!اللاعب*|!لاعب*|!النادي|!نادي|!المدرب|!مدرب|!بطولة|!البطولة|!الفريق|!مونديال|!المونديال|!الفيفا|!فيفا|!التأهل|!النهائيات"
# Generic words of the state that stand in everyday sentences (services, hospitals, culling bison)
GENERIC = "الدولة|دولة|الدول|البلاد|الوطن|المملكة|النظام|السلطة|السلطات|الحكم|الحاكم|الشعب|الأمة|الشعوب|استقرار|الحرمين"

add("انتهاك*", "context", SPORT + "|!ازدراء|!الأديان|!حرية التعبير")
add("انتهاك*", "exclude", "انتهاك* شروط|انتهاك* الشروط")
note(
    "انتهاك*",
    "sports blocking cues (a FIFA suspension), blasphemy and free-speech discourse (ازدراء, الأديان, حرية التعبير); excludes a breach of terms (انتهاك شروط).",
)

add("انقلاب", "exclude", "انقلاب* في خريطة|انقلاب* في موازين|انقلاب* في الموقف|انقلاب* في موقف|انقلاب* المفاجئ في موقف")
note("انقلاب", "excludes a reversal in a map, balance or position, also in the accusative (انقلابا في خريطة الموازين).")

L.loc["شرعيت*", "exclude"] = "لا بشرعيت*|لا شرعيت*|المشكوك بشرعيت*|مشكوك بشرعيت*|مشكوك في شرعيت*"
note(
    "شرعيت*",
    "negated uses excluded (لا بشرعيتها, المشكوك بشرعيته); the loss of legitimacy (فقد شرعيته, عدم شرعيته) is a delegitimizing row of its own, which wins by longest match.",
)

drop("بدعوى", "context", GENERIC)
note(
    "بدعوى",
    "the generic words of the state (الدولة, المملكة, البلاد, النظام …) are no longer cues: they stood in everyday sentences (elderly care, a hospital, culling bison).",
)

drop("تواطؤ", "context", GENERIC)
add("تواطؤ", "context", "!رشا|!رشوة|!الرشوة|!رشاوى|!الرشاوى|!زوجته|!الشاهد|!الشهود|!بالتعويض")
note(
    "تواطؤ",
    "generic words of the state no longer cues (as بدعوى); blocking cues of ordinary crime and court procedure (bribes, a husband's murder, witnesses).",
)

add("يزعم", "context", "!محكمة|!المحكمة|!محاكمة|!المحاكمة|!الشرطة|!النيابة|!الادعاء")
note("يزعم", "blocking cues of courts and police, where يُزعم is the neutral legal 'allegedly'.")

add("عجز*", "context", "!الميزانية|!ميزانية|!أعباء|!الوفاة|!للوفاة|!المهاجرين|!المهاجرون|!مهاجرين")
note("عجز*", "blocking cues of budgets (أعباء, ميزانية), death-or-disability compensation (للوفاة) and migrants.")

add("غير شرعي*", "exclude", "لاجئين غير شرعي*|حشيش غير شرعي*|مخدرات غير شرعي*")
note("غير شرعي*", "excludes refugees with a proclitic (للاجئين غير الشرعيين) and drug trade.")

L.loc["أجندة", "context"] = (
    "تنفيذ*|تنفيذا|لتنفيذ|ينفذ*|تنفذ*|تخدم|يخدم*|لخدمة|خدمة|خارجية|الخارجية|أجنبية|الأجنبية|مشبوه*|خفي*|مغرض*"
    "|طائفي*|مذهبي*|تخريب*|تخريبي*|عميل*|العملاء|أعداء|الأعداء|الفتنة|فتنة|زعزعة|تدمير*"
    "|!النادي|!نادي|!الدوري|!مباراة|!المدرب|!اللاعبين"
)
add("أجندة", "exclude", "أجندة وطنية|أجندة دولية|أجندة القضايا|أجندة معلنة|أجندة الثوار|لا أجندة")
note(
    "أجندة",
    "the cue is a verb of carrying out or serving, foreign (خارجية, أجنبية) or a pejorative modifier; a named armed group or terrorism alone is no longer a cue (ISIS's declared agenda is the neutral sense); sports blocking cues; excludes a national, international or declared agenda and لا أجندة.",
)

LOSS = (
    "Delegitimizing: an actor has lost its legitimacy (نظام الأسد فقد شرعيته). Round 5: the loss of a legitimizing "
    "label, judged wrong as شرعيت* (11 of 25 seed-1 lines), is counted as the delegitimizing claim it is; longest match wins over شرعيت*."
)
new = [
    dict(term="فقد* شرعيت*", gloss="lost its legitimacy (فقد، فقدت، فقدان)"),
    dict(term="يفقد* شرعيت*", gloss="loses its legitimacy"),
    dict(term="تفقد* شرعيت*", gloss="loses its legitimacy (feminine)"),
    dict(term="عدم شرعيت*", gloss="its illegitimacy"),
    dict(term="انعدام شرعيت*", gloss="its lack of legitimacy"),
]
cols = L.columns
rows = pd.DataFrame([dict(r, category="delegitimizing_label", note=LOSS) for r in new])
out = pd.concat([L.reset_index(drop=True), rows], ignore_index=True).fillna("")[cols]
out.to_csv(P, index=False)
