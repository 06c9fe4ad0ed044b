"""``zntui rules --explain-scoring``: how zntui scores, for inspectors, in plain Dutch.

The developers' description is :data:`zntui.engine.SCORING_EXPLANATION` (English, with
markup for the docs); this is the same four steps as a person reads them in a terminal.
A change to the scoring changes both (tests/test_language.py compares their steps).
"""

from __future__ import annotations

SCORING_STEPS: tuple[str, ...] = (
    "Criterium. Elke controle onderscheidt vier situaties: het casusbestand laat zien "
    "dat aan het criterium voldaan is (een waarde op de schaal), laat zien dat er niet "
    "aan voldaan is (een lagere waarde), zegt er niets over (niet beoordeeld; het bewijs "
    "zegt wat er niet is vastgelegd), of het criterium geldt niet voor deze cliënt (niet "
    "van toepassing; het bewijs zegt waarom). Alleen een bestand dat een afwezigheid "
    'vastlegt ("gevraagd, en niemand coördineert") maakt een tekortkoming; een leeg veld '
    "nooit. Daarna, alleen voor een automatisch oordeel: een criterium van de soort "
    "'deels' komt hoogstens op de tweede waarde van de schaal (de inspecteur beoordeelt "
    "of het bewijs goed genoeg is voor de beste); meldt de cliënt een knelpunt dat bij "
    "het criterium hoort, dan zakt het één stap. Een criterium van de soort 'oordeel "
    "inspecteur' is niet beoordeeld tot de inspecteur oordeelt. Het oordeel van de "
    "inspecteur vervangt dit alles.",
    "Thema. Het gewogen gemiddelde van de scores van de beoordeelde criteria (op de "
    "schaal van de IGJ: voldoet 1, voldoet grotendeels ⅔, voldoet grotendeels niet ⅓, "
    "voldoet niet 0), afgerond naar "
    "de dichtstbijzijnde waarde van de schaal (bij gelijke afstand de slechtere). Niet "
    "beoordeeld en niet van toepassing tellen niet mee. Een thema met een criterium op "
    "de slechtste waarde komt hoogstens op de tweede waarde. Een thema zonder beoordeeld "
    "criterium is niet beoordeeld (niet van toepassing als geen van zijn criteria geldt).",
    "Casus. Het gemiddelde van de beoordeelde thema's, over al zijn toetsingskaders, "
    "geeft het eindoordeel op dezelfde manier (een thema op de slechtste waarde houdt "
    "het op hoogstens de tweede waarde). Risico = afgerond 100 × (1 − dat gemiddelde): "
    "het rust alleen op wat bekend is. Volledigheid: van de criteria die gelden (alle "
    'min niet van toepassing), hoeveel een oordeel hebben — "12 van 17 criteria te '
    'beoordelen".',
    "Triage. Twee lijsten. Eerst de casussen waarvan minstens twee derde van de "
    "criteria die gelden te beoordelen is, hoogste risico eerst; bij gelijk risico eerst "
    "meer criteria op de slechtste waarde, dan meer op de op één na slechtste, dan het "
    "casusnummer. Daarna, apart, de onvolledige casussen (minder dan twee derde bekend) "
    "in dezelfde volgorde, zodat een bijna leeg bestand nooit boven een vastgelegde "
    "tekortkoming staat; casussen waarin niets te beoordelen is, komen als laatste.",
)


def scoring_text(width: int = 80) -> str:
    """The steps, numbered and wrapped to ``width`` columns."""
    import textwrap

    lines = ["Zo beoordeelt zntui een casus:", ""]
    for number, step in enumerate(SCORING_STEPS, start=1):
        lines += textwrap.wrap(step, width, initial_indent=f"{number}. ", subsequent_indent="   ")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"
