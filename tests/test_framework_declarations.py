"""What a framework declares for the surfaces: theme labels, recurring risks, link criteria."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from zntui.model.framework import SEED_RISKS, Framework
from zntui.plugins import Registry


def _framework(**criterion: object) -> dict[str, object]:
    return {
        "id": "eigen",
        "title": "Eigen kader",
        "version": "1",
        "themes": [
            {
                "id": "LEIDING",
                "title": "Leiderschap",
                "norms": [
                    {
                        "id": "E.N1",
                        "text": "n",
                        "criteria": [
                            {"id": "E.1", "text": "t", "gloss": "g", "kind": "judge", **criterion}
                        ],
                    }
                ],
            }
        ],
    }


def test_the_built_in_frameworks_declare_risks_links_and_labels(registry: Registry) -> None:
    for framework in registry.frameworks.values():
        assert all(1 <= len(t.short) <= 4 for t in framework.themes)
        criteria = framework.criteria
        assert any(c.about_links for c in criteria), framework.id
        assert {r for c in criteria for r in c.risks} <= set(SEED_RISKS)
    every_risk = {r for f in registry.frameworks.values() for c in f.criteria for r in c.risks}
    assert every_risk == set(SEED_RISKS)


def test_a_theme_label_defaults_to_the_ids_first_four_characters() -> None:
    framework = Framework.model_validate(_framework())
    assert framework.themes[0].short == "LEID"
    assert framework.criteria[0].risks == [] and not framework.criteria[0].about_links


def test_a_risk_of_the_frameworks_own_needs_a_label() -> None:
    with pytest.raises(ValidationError, match="unknown risk 'leiding'"):
        Framework.model_validate(_framework(risks=["leiding"]))
    labelled = Framework.model_validate(
        {**_framework(risks=["leiding", "overdracht"]), "risk_labels": {"leiding": "geen leiding"}}
    )
    assert labelled.risk_label("leiding") == "geen leiding"
    assert labelled.risk_label("overdracht") == "onvoldoende overdracht"


def test_a_theme_label_longer_than_four_characters_is_refused() -> None:
    data = _framework()
    data["themes"][0]["short"] = "LEIDER"  # type: ignore[index]
    with pytest.raises(ValidationError, match="at most 4 characters"):
        Framework.model_validate(data)
