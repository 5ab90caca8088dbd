

from voicecoach import paths
from voicecoach.banks import load_banks, parse_bank, plan_session
from voicecoach.settings import load_lexicons


def test_shipped_banks():
    loaded = load_banks([paths.prompts_dir() / "banks"])
    assert loaded.errors == []
    banks = {b.id: b for b in loaded.banks}
    spotify = banks["spotify-ml-ds"]
    assert len(spotify.questions) >= 15
    assert spotify.categories == sorted(["ml_system_design", "product_sense", "ml_fundamentals",
                                         "metrics_experimentation", "latency_relevance", "behavioral"])
    assert any("embedding-based playlist" in q.text for q in spotify.questions)
    assert all(q.target_s == 120.0 for q in spotify.questions)
    assert banks["behavioral"].categories == ["behavioral"]
    # Every category a bank uses has expected content signals.
    expected = load_lexicons().signals.expected
    assert set(spotify.categories) <= set(expected)


BROKEN = """[bank]
id = "broken"
name = "Broken"

[[questions]]
id = "q1"
category = "behavioral"
text = "Tell me about a time.

[[questions]]
"""


def test_a_malformed_bank_is_named_with_its_line_and_the_others_still_load(tmp_path):
    (tmp_path / "a_good.toml").write_text('[bank]\nid = "good"\nname = "Good"\n\n[[questions]]\n'
                                          'id = "g1"\ncategory = "behavioral"\ntext = "Why us?"\ntarget_s = 90\n')
    (tmp_path / "b_broken.toml").write_text(BROKEN)
    (tmp_path / "c_missing.toml").write_text('[bank]\nid = "m"\nname = "M"\n\n[[questions]]\nid = "m1"\n'
                                             'category = "behavioral"\n')
    loaded = load_banks([tmp_path])
    assert [b.id for b in loaded.banks] == ["good"]
    assert loaded.banks[0].questions[0].target_s == 90.0
    assert len(loaded.errors) == 2
    assert loaded.errors[0].startswith(f"{tmp_path / 'b_broken.toml'}:8:")
    assert loaded.errors[1] == f"{tmp_path / 'c_missing.toml'}:6: question 1 is missing text"


def test_a_user_bank_with_the_same_id_replaces_the_shipped_one(tmp_path):
    (tmp_path / "mine.toml").write_text('[bank]\nid = "behavioral"\nname = "Mine"\n\n[[questions]]\n'
                                        'id = "x"\ncategory = "behavioral"\ntext = "Hi?"\n')
    loaded = load_banks([paths.prompts_dir() / "banks", tmp_path])
    assert {b.id: b.name for b in loaded.banks}["behavioral"] == "Mine"


def test_session_plans():
    bank = parse_bank(paths.prompts_dir() / "banks" / "spotify_ml_ds.toml")
    in_order = plan_session(bank, 3, shuffle=False)
    assert [q.id for q in in_order] == [q.id for q in bank.questions[:3]]
    behavioral = plan_session(bank, 10, category="behavioral", seed=1)
    assert {q.category for q in behavioral} == {"behavioral"} and len(behavioral) == 3
    assert plan_session(bank, 5, seed=1) == plan_session(bank, 5, seed=1)
    assert plan_session(bank, 5, seed=1) != plan_session(bank, 5, shuffle=False)


def test_every_kind_of_bad_bank_is_one_line_naming_its_file_and_the_rest_load(tmp_path):
    good = '[bank]\nid = "ok"\nname = "OK"\n[[questions]]\nid = "q"\ncategory = "c"\ntext = "Why?"\n'
    bad = {
        "string.toml": '[bank]\nid = "a"\nname = "A"\nquestions = "abc"\n',
        "top.toml": 'questions = "abc"\n',
        "target.toml": '[bank]\nid = "b"\nname = "B"\ntarget_s = "two minutes"\n' + good[good.index("[[q"):],
        "negative.toml": good.replace('text = "Why?"', 'text = "Why?"\ntarget_s = -5').replace('"ok"', '"n"'),
        "latin1.toml": None,
    }
    for name, text in bad.items():
        if text is None:
            (tmp_path / name).write_bytes('[bank]\nid = "l"\nname = "Caf\u00e9"\n'.encode("latin-1"))
        else:
            (tmp_path / name).write_text(text)
    (tmp_path / "good.toml").write_text(good)
    loaded = load_banks([tmp_path])
    assert [b.id for b in loaded.banks] == ["ok"]
    assert sorted(e.split(":")[0] for e in loaded.errors) == sorted(str(tmp_path / n) for n in bad)
    assert all("\n" not in e for e in loaded.errors)
