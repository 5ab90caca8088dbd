"""Rounds (voicecoach.rounds): a named sequence of bank questions with a time budget."""

import pytest

from voicecoach import paths
from voicecoach.banks import load_banks
from voicecoach.rounds import ROUND_BANK_PREFIX, load_rounds, parse_round

BANKS = load_banks([paths.prompts_dir() / "banks"]).banks


def test_the_shipped_rounds_load_with_their_questions_in_order():
    loaded = load_rounds([paths.prompts_dir() / "rounds"], BANKS)
    assert loaded.errors == []
    rounds = {r.id: r for r in loaded.rounds}
    product = rounds["product-translation"]
    assert (product.name, product.budget_s, len(product.questions)) == ("Product translation", 1200.0, 4)
    assert [q.id for q in product.questions][:2] == ["ps-podcast-recs", "mx-success-metric"]
    assert product.questions[-1].constraint is not None  # the budget question keeps its interviewer cue
    assert len(rounds["onsite"].questions) == 5
    bank = product.as_bank()
    assert bank.id == ROUND_BANK_PREFIX + "product-translation" and bank.questions == product.questions


def write(folder, name, text):
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(text)
    return folder / name


def test_a_round_naming_a_question_no_bank_has_is_one_line_with_file_and_line(tmp_path):
    path = write(tmp_path, "r.toml", '[round]\nid = "r"\nname = "R"\nbudget_min = 10\n\n'
                                     '[[questions]]\nbank = "spotify-ml-ds"\nid = "no-such"\n')
    with pytest.raises(ValueError, match=r"r\.toml:8: no question 'no-such' in a bank 'spotify-ml-ds' \(banks: "):
        parse_round(path, BANKS)
    path.write_text(path.read_text().replace("budget_min = 10", "budget_min = 0"))
    with pytest.raises(ValueError, match=r"r\.toml:4: budget_min must be a number of minutes from 1 to 600, not 0"):
        parse_round(path, BANKS)


def test_a_users_round_replaces_a_shipped_one_and_a_broken_one_is_reported(tmp_path):
    user = tmp_path / "user"
    write(user, "mine.toml", '[round]\nid = "onsite"\nname = "My on-site"\nbudget_min = 5\n'
                             '[[questions]]\nbank = "behavioral"\nid = "conflict"\n')
    write(user, "broken.toml", '[round]\nid = "x"\nname = "X"\nbudget_min = 5\n[[questions]\n')
    loaded = load_rounds([paths.prompts_dir() / "rounds", user], BANKS)
    onsite = next(r for r in loaded.rounds if r.id == "onsite")
    assert (onsite.name, [q.id for q in onsite.questions]) == ("My on-site", ["conflict"])
    assert len(loaded.errors) == 1 and loaded.errors[0].startswith(f"{user / 'broken.toml'}:5:")
