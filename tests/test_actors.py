"""The actors stage: mentions grouped into actors, on invented sentences and on the seed."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from conftest import Run, pipeline_runner
from sitrep.records import Actor, Article, span_errors
from sitrep.stages.actors import actor_for_mention, given_names, subject_mention

STAGES = ("clean", "language", "actors")


@pytest.fixture(scope="module")
def run() -> Run:
    return pipeline_runner(STAGES)


def actor_named(article: Article, name: str) -> Actor:
    found = [a for a in article.actors if a.name == name]
    assert found, f"no actor {name!r} in {[a.name for a in article.actors]}"
    return found[0]


def mention_texts(article: Article, actor: Actor) -> list[str]:
    return [m.text for m in article.mentions if m.actor_id == actor.id]


def test_known_person_after_title_is_one_title_mention(run: Run) -> None:
    article = run("Ukrainian President Volodymyr Zelensky visited a hospital on Monday.")
    zelensky = actor_named(article, "Volodymyr Zelensky")
    assert zelensky.kb_id == "person:volodymyr-zelensky"
    assert zelensky.code == "UKR GOV"
    assert [(m.text, m.kind) for m in article.mentions if m.actor_id == zelensky.id] == [
        ("Ukrainian President Volodymyr Zelensky", "title")
    ]


@pytest.mark.parametrize(
    ("text", "name", "code"),
    [
        ("Kremlin spokesperson Anna Volkova denied the report.", "Anna Volkova", "RUS GOV"),
        (
            "Russian Deputy Defence Minister Ivan Petrovsky toured a plant.",
            "Ivan Petrovsky",
            "RUS GOV",
        ),
        ("Iranian General Reza Karimi inspected the troops.", "Reza Karimi", "IRN MIL"),
        ("Russia's Foreign Minister Pavel Orlov arrived late.", "Pavel Orlov", "RUS GOV"),
    ],
)
def test_unknown_person_after_title_is_coded_from_the_title(
    run: Run, text: str, name: str, code: str
) -> None:
    article = run(text)
    person = actor_named(article, name)
    assert person.kind == "person"
    assert person.code == code
    assert person.kb_id is None


def test_surname_links_to_the_full_name_earlier(run: Run) -> None:
    article = run(
        "Kremlin spokesperson Anna Volkova denied the report. Volkova called it a provocation."
    )
    volkova = actor_named(article, "Anna Volkova")
    assert mention_texts(article, volkova) == [
        "Kremlin spokesperson Anna Volkova",
        "Volkova",
    ]


def test_description_links_to_the_latest_person_with_that_title(
    run: Run,
) -> None:
    article = run(
        "French Foreign Minister Marie Dupont arrived in Seoul. "
        "The talks were short, the French foreign minister said."
    )
    dupont = actor_named(article, "Marie Dupont")
    assert "the French foreign minister" in mention_texts(article, dupont)


@pytest.mark.parametrize(
    ("published", "name"),
    [(date(2018, 6, 1), "Petro Poroshenko"), (date(2024, 10, 13), "Volodymyr Zelensky")],
)
def test_description_links_to_the_office_holder_on_the_article_date(
    run: Run, published: date, name: str
) -> None:
    article = run("The army will respond, the Ukrainian president said.", published)
    holder = actor_named(article, name)
    assert mention_texts(article, holder) == ["the Ukrainian president"]
    assert article.mentions[0].kind == "description"


def test_description_of_a_country_after_the_title(run: Run) -> None:
    article = run("The talks failed, the president of Ukraine said.", date(2024, 1, 1))
    zelensky = actor_named(article, "Volodymyr Zelensky")
    assert mention_texts(article, zelensky) == ["the president of Ukraine"]


def test_description_with_a_title_modifier_is_not_the_office_holder(
    run: Run,
) -> None:
    article = run("The deal is dead, the former Ukrainian president said.", date(2024, 1, 1))
    assert all(a.kb_id != "person:volodymyr-zelensky" for a in article.actors)


def test_pronoun_links_to_the_previous_sentence_subject(run: Run) -> None:
    article = run("Dmitry Peskov spoke to reporters in Moscow. He said the claims were false.")
    peskov = actor_named(article, "Dmitry Peskov")
    assert mention_texts(article, peskov) == ["Dmitry Peskov", "He"]


def test_pronoun_gender_skips_an_incompatible_person(run: Run) -> None:
    article = run(
        "Kamala Harris met Volodymyr Zelensky in Washington. She said aid would continue."
    )
    harris = actor_named(article, "Kamala Harris")
    assert "She" in mention_texts(article, harris)


def test_unresolved_subject_pronoun_is_a_mention_without_actor(run: Run) -> None:
    article = run("He said the bridge was closed. The decision angered his neighbours.")
    assert [(m.text, m.kind, m.actor_id) for m in article.mentions] == [("He", "pronoun", None)]
    assert article.actors == []


@pytest.mark.parametrize(
    ("text", "speaker", "kind"),
    [
        ("The report said the plant would close.", "The report", "description"),
        ("The statement said the plant would close.", "The statement", "description"),
        ("Sanders told voters the race was close.", "Sanders", "name"),
        ("Norberg has also said the plan was sound.", "Norberg", "name"),
        ("They say the river is rising.", "They", "pronoun"),
        ('"It is over," said a longtime friend.', "a longtime friend", "description"),
        ("Prices rose, according to a new survey of shops.", "a new survey", "description"),
        ("Norberg campaign: The plan is sound and fair", "Norberg campaign", "name"),
    ],
)
def test_speakers_no_rule_names_are_mentions_without_actor(
    run: Run, text: str, speaker: str, kind: str
) -> None:
    article = run(text)
    found = [m for m in article.mentions if m.text == speaker]
    assert [(m.kind, m.actor_id) for m in found] == [(kind, None)], article.mentions
    assert span_errors(article) == []


@pytest.mark.parametrize(
    "text",
    [
        "It was a claim dismissed by the council as false.",
        "The plan was described as reckless by the council.",
        "They sent a message before joint exercises planned for March.",
        "Voters who said they were undecided stayed home.",
    ],
)
def test_no_speaker_mention_without_a_speaking_subject(run: Run, text: str) -> None:
    article = run(text)
    texts = {m.text for m in article.mentions if m.actor_id is None}
    assert not texts & {"a claim", "The plan", "a message before joint exercises", "Voters who"}


@pytest.mark.parametrize(
    ("text", "group", "code"),
    [
        ("South Korean officials raised alarms.", "South Korean officials", "KOR GOV"),
        ("Russian forces advanced overnight.", "Russian forces", "RUS MIL"),
        ("North Korean troops arrived in the region.", "North Korean troops", "PRK MIL"),
        ("Israeli police closed the road.", "Israeli police", "ISR COP"),
        ("Syrian rebels took the town.", "Syrian rebels", "SYR REB"),
        ("Russian military officials met.", "Russian military officials", "RUS MIL"),
    ],
)
def test_demonym_and_group_noun_make_a_group(run: Run, text: str, group: str, code: str) -> None:
    article = run(text)
    actor = actor_named(article, group)
    assert actor.kind == "group"
    assert actor.code == code


def test_adjective_alone_is_no_actor(run: Run) -> None:
    article = run("The North Korean one is getting stronger.")
    assert article.actors == []


def test_plural_demonym_is_a_group(run: Run) -> None:
    article = run("Ukrainians queued for water.")
    assert actor_named(article, "Ukrainians").country == "UKR"


@pytest.mark.parametrize(
    "text",
    [
        "The plan was described as reckless by Kyiv.",
        "Kyiv said the plan was reckless.",
        "Kyiv has repeatedly rejected the plan.",
        "Kyiv could further delay the plan.",
    ],
)
def test_acting_capital_is_the_government(run: Run, text: str) -> None:
    article = run(text)
    kyiv = actor_named(article, "Kyiv")
    assert (kyiv.kind, kyiv.code) == ("organisation", "UKR GOV")
    assert [m.kind for m in article.mentions] == ["capital"]


@pytest.mark.parametrize(
    "text",
    [
        "Kyiv, Ukraine\nThe bridge was closed.",
        "He lives in Kyiv with his family.",
        "Kyiv is the largest city of the country.",
        "Kyiv has a population of about three million.",
    ],
)
def test_capital_as_dateline_or_location_is_no_actor(run: Run, text: str) -> None:
    article = run(text)
    assert all(m.kind != "capital" for m in article.mentions)


def test_seat_mention_includes_its_article(run: Run) -> None:
    article = run("The claim was dismissed by the Kremlin. Officials at the Pentagon agreed.")
    kremlin = actor_named(article, "the Kremlin")
    assert (kremlin.kind, kremlin.code) == ("organisation", "RUS GOV")
    assert mention_texts(article, kremlin) == ["the Kremlin"]
    assert actor_named(article, "the Pentagon").code == "USA MIL"


def test_organisation_and_country_actors(run: Run) -> None:
    article = run("NATO warned Russia. North Korea denied it.")
    assert actor_named(article, "NATO").kb_id == "organisation:nato"
    assert actor_named(article, "Russia").kind == "country"
    assert actor_named(article, "North Korea").code == "PRK"


def test_every_mention_has_an_actor_and_actors_span_their_fullest_mention(
    run: Run,
) -> None:
    article = run(
        "Ukrainian President Volodymyr Zelensky spoke. Zelensky said he was ready. "
        "The Ukrainian president left."
    )
    assert span_errors(article) == []
    assert all(m.actor_id for m in article.mentions)
    zelensky = actor_named(article, "Volodymyr Zelensky")
    assert zelensky.text == "Ukrainian President Volodymyr Zelensky"
    assert len(zelensky.mention_ids) == 4


def test_actor_for_mention(run: Run) -> None:
    article = run("NATO warned Russia.")
    first = article.mentions[0]
    actor = actor_for_mention(article, first.id)
    assert actor is not None and actor.name == "NATO"
    assert actor_for_mention(article, "missing") is None


@pytest.mark.parametrize(
    ("text", "subject"),
    [
        ("North Korea was accused by South Korea of sending troops.", "North Korea"),
        ("In a speech to NATO, Dmitry Peskov warned Ukraine.", "Dmitry Peskov"),
        ('"Russia is lying," Dmitry Peskov said.', "Dmitry Peskov"),
        ("The claim was dismissed by the Kremlin.", None),
    ],
)
def test_subject_mention(run: Run, text: str, subject: str | None) -> None:
    article = run(text)
    sentence = article.sentences[0]
    found = subject_mention(article, sentence.start, sentence.end)
    assert (found.text if found else None) == subject


# -- the seed article ------------------------------------------------------------------------


@pytest.fixture
def seed(run: Run, seed_text: str) -> Article:
    return run(seed_text)


def test_seed_zelensky(seed: Article) -> None:
    zelensky = actor_named(seed, "Volodymyr Zelensky")
    assert (zelensky.kind, zelensky.code, zelensky.kb_id) == (
        "person",
        "UKR GOV",
        "person:volodymyr-zelensky",
    )
    kinds = {(m.text, m.kind) for m in seed.mentions if m.actor_id == zelensky.id}
    assert ("Ukrainian President Volodymyr Zelensky", "title") in kinds
    assert ("Zelensky", "name") in kinds
    assert ("the Ukrainian president", "description") in kinds
    pronouns = {text for text, kind in kinds if kind == "pronoun"}
    assert pronouns == {"he", "He", "his"}


def test_seed_other_actors(seed: Article) -> None:
    expected = {
        "Dmitry Peskov": ("person", "RUS GOV"),
        "the Kremlin": ("organisation", "RUS GOV"),
        "North Korea": ("country", "PRK"),
        "South Korea": ("country", "KOR"),
        "Russia": ("country", "RUS"),
        "Ukraine": ("country", "UKR"),
        "South Korean officials": ("group", "KOR GOV"),
        "Russian forces": ("group", "RUS MIL"),
        "North Korean troop": ("group", "PRK MIL"),
        "Kyiv": ("organisation", "UKR GOV"),
    }
    for name, (kind, code) in expected.items():
        actor = actor_named(seed, name)
        assert (actor.kind, actor.code) == (kind, code), name
    assert "Kremlin spokesperson Dmitry Peskov" in mention_texts(
        seed, actor_named(seed, "Dmitry Peskov")
    )


def test_seed_kyiv_acts_only_at_the_end(seed: Article) -> None:
    kyiv = actor_named(seed, "Kyiv")
    mentions = [m for m in seed.mentions if m.actor_id == kyiv.id]
    assert [m.kind for m in mentions] == ["capital"]
    assert seed.text[mentions[0].start - 3 : mentions[0].end] == "by Kyiv"


def test_seed_boilerplate_people_are_absent(seed: Article) -> None:
    names = {a.name for a in seed.actors}
    assert "Kamala Harris" not in names
    assert "Vladimir Putin" not in names


def test_seed_contract(seed: Article) -> None:
    assert span_errors(seed) == []
    # Only a speaker no actor was found for is a mention without one: in the seed, the first
    # person of a nested attribution inside a direct quote ('"We see that ...," he said').
    unlinked = [m for m in seed.mentions if not m.actor_id]
    assert all(m.kind == "pronoun" and m.text.lower() in ("we", "i") for m in unlinked), unlinked
    ids = {m.id for m in seed.mentions}
    assert all(set(a.mention_ids) <= ids for a in seed.actors)


def test_bare_title_links_to_the_holder_of_a_longer_title(run: Run) -> None:
    article = run(
        "Russian Defence Minister Pavel Orlov toured a plant. The minister praised the workers."
    )
    orlov = actor_named(article, "Pavel Orlov")
    assert mention_texts(article, orlov) == [
        "Russian Defence Minister Pavel Orlov",
        "The minister",
    ]


# -- bodies, unnamed people, unknown names, anaphors ------------------------------------------


@pytest.mark.parametrize(
    ("text", "name", "code"),
    [
        (
            "Russia's defence ministry said the village fell.",
            "Russia's defence ministry",
            "RUS MIL",
        ),
        ("Ukraine's energy ministry said power was back.", "Ukraine's energy ministry", "UKR GOV"),
        ("The US State Department said it was concerned.", "US State Department", "USA GOV"),
        (
            "Seoul's foreign ministry said the launch was illegal.",
            "Seoul's foreign ministry",
            "KOR GOV",
        ),
        ("The Israeli military struck the town.", "Israeli military", "ISR MIL"),
    ],
)
def test_country_and_body_make_an_organisation(run: Run, text: str, name: str, code: str) -> None:
    actor = actor_named(run(text), name)
    assert (actor.kind, actor.code) == ("organisation", code)


def test_a_ministry_does_not_merge_into_the_forces(run: Run) -> None:
    article = run("Russian forces advanced, Russia's defence ministry said.")
    forces = actor_named(article, "Russian forces")
    ministry = actor_named(article, "Russia's defence ministry")
    assert forces.id != ministry.id


def test_body_without_a_country_takes_the_datelines(run: Run) -> None:
    article = run("LONDON\nThe sanctions were widened, the Treasury said.")
    assert actor_named(article, "Treasury").code == "GBR GOV"


def test_a_body_before_a_thing_is_no_actor(run: Run) -> None:
    article = run("Taiwan condemned large-scale Chinese military drills.")
    assert all("military" not in a.name for a in article.actors)


@pytest.mark.parametrize(
    ("text", "name", "code"),
    [
        (
            "A spokesman for the Ukrainian forces in the sector said it was calm.",
            "spokesman for the Ukrainian forces in the sector",
            "UKR MIL",
        ),
        (
            "A spokesperson for China's Taiwan Affairs Office said the drills were a response.",
            "spokesperson for China's Taiwan Affairs Office",
            "CHN GOV",
        ),
        ("The North is testing us, said a researcher at an institute in Seoul.", None, "KOR"),
    ],
)
def test_unnamed_person_is_coded_by_the_affiliation(
    run: Run, text: str, name: str | None, code: str
) -> None:
    article = run(text)
    people = [a for a in article.actors if a.kind == "person"]
    assert len(people) == 1
    assert people[0].code == code
    if name is not None:
        assert people[0].name == name


def test_unnamed_person_takes_the_latest_bodys_country_and_its_pronoun(run: Run) -> None:
    article = run(
        "The Russian embassy in London dismissed the measures. "
        "An embassy spokesman said they were illegal. He called them banditry."
    )
    embassy = actor_named(article, "Russian embassy in London")
    assert embassy.code == "RUS GOV"
    spokesman = actor_named(article, "embassy spokesman")
    assert (spokesman.kind, spokesman.code) == ("person", "RUS GOV")
    assert mention_texts(article, spokesman) == ["An embassy spokesman", "He"]


def test_unknown_organisation_with_acronym_and_anaphor(run: Run) -> None:
    article = run(
        "KHARTOUM\nSudan's army accused the paramilitary Desert Shield Forces (DSF) of an attack. "
        '"The militia is waging war," he said. The DSF denied it. The army said it would respond.'
    )
    dsf = actor_named(article, "Desert Shield Forces")
    assert dsf.kind == "organisation" and dsf.country == "SDN"
    assert mention_texts(article, dsf) == ["Desert Shield Forces", "DSF", "The militia", "DSF"]
    army = actor_named(article, "Sudan's army")
    assert "The army" in mention_texts(article, army)


def test_known_armed_group_is_coded_from_the_knowledge_base(run: Run) -> None:
    article = run("KHARTOUM\nThe Rapid Support Forces (RSF) denied shelling the camp.")
    rsf = actor_named(article, "Rapid Support Forces")
    assert rsf.code == "SDN REB"


def test_title_and_hyphenated_unknown_name(run: Run) -> None:
    article = run("Taiwan's President Lai Ching-te said the island would stay calm.")
    lai = actor_named(article, "Lai Ching-te")
    assert lai.code == "TWN GOV"


@pytest.mark.parametrize(
    "text",
    ['"The talks were useful," Kowalczyk now says.', "Kowalczyk only said the talks were useful."],
)
def test_an_adverb_before_the_cue_is_not_part_of_the_speaker(run: Run, text: str) -> None:
    assert [m.text for m in run(text).mentions] == ["Kowalczyk"]


def test_unknown_name_before_a_speech_verb_is_a_person(run: Run) -> None:
    article = run("The talks were useful, Marta Kowalczyk told reporters.")
    assert actor_named(article, "Marta Kowalczyk").kind == "person"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("European governments urged Iran to comply.", "European governments"),
        ("Zelensky called on Ukraine's allies to send more.", "Ukraine's allies"),
        ("Analysts in Seoul said the launch was a message.", "Analysts in Seoul"),
    ],
)
def test_plural_groups(run: Run, text: str, name: str) -> None:
    actor = actor_named(run(text), name)
    assert actor.kind == "group"
    assert actor.country != "UKR"


def test_the_agency_links_to_the_latest_agency(run: Run) -> None:
    article = run(
        "Iran rejected a report by the International Atomic Energy Agency. "
        "The agency said its inspectors were blocked."
    )
    iaea = actor_named(article, "International Atomic Energy Agency")
    assert "The agency" in mention_texts(article, iaea)


def test_description_without_a_country_takes_the_datelines_office_holder(run: Run) -> None:
    article = run(
        'LONDON\nBritain imposed sanctions. "We are cutting it," the Foreign Secretary said.',
        date(2025, 5, 12),
    )
    lammy = actor_named(article, "David Lammy")
    assert mention_texts(article, lammy) == ["the Foreign Secretary"]


def test_description_skips_a_distant_foreign_minister(run: Run) -> None:
    article = run(
        "LONDON\nUkrainian Foreign Minister Andrii Sybiha visited. Talks began. Ships sailed. "
        "Trade grew. Prices fell. The Foreign Secretary said more sanctions were coming.",
        date(2025, 5, 12),
    )
    sybiha = actor_named(article, "Andrii Sybiha")
    assert "The Foreign Secretary" not in mention_texts(article, sybiha)


def test_the_united_states_keeps_its_article(run: Run) -> None:
    article = run("Seoul would consult the United States and Japan.")
    assert "the United States" in mention_texts(article, actor_named(article, "United States"))


# -- American political news: abbreviated titles, party tags, given names, media ---------------


@pytest.mark.parametrize(
    ("text", "name", "mention", "code"),
    [
        (
            "Sen. Jane Okafor (D-Mont.) said the bill would pass.",
            "Jane Okafor",
            "Sen. Jane Okafor (D-Mont.)",
            "USA LEG",
        ),
        (
            "Senate Majority Leader Tom Halvorsen, R-Utah, spoke first.",
            "Tom Halvorsen",
            "Senate Majority Leader Tom Halvorsen, R-Utah",
            "USA LEG",
        ),
        ("Rep. Dana Whitlock (R-Ohio) voted no.", "Dana Whitlock", None, "USA LEG"),
        ("Gov. Carla Mendez toured the flooded towns.", "Carla Mendez", None, "GOV"),
    ],
)
def test_abbreviated_titles_and_party_tags_code_american_politicians(
    run: Run, text: str, name: str, mention: str | None, code: str
) -> None:
    article = run(text)
    person = actor_named(article, name)
    assert person.kind == "person"
    assert person.code == code
    if mention is not None:
        assert mention_texts(article, person) == [mention]
    assert span_errors(article) == []


def test_a_campaign_title_names_a_person(run: Run) -> None:
    article = run("Campaign manager Luis Ortega said the race was tightening.")
    assert actor_named(article, "Luis Ortega").kind == "person"


def test_courtesy_title_and_surname_link_to_the_full_name(run: Run) -> None:
    article = run(
        "Paul Markham arrived in Denver on Monday. Mr. Markham said he was pleased, "
        "and Markham later left."
    )
    markham = actor_named(article, "Paul Markham")
    assert mention_texts(article, markham) == ["Paul Markham", "Mr. Markham", "he", "Markham"]


def test_a_given_name_and_a_surname_are_a_person_anywhere(run: Run) -> None:
    article = run("On Friday, the crowd cheered as Ellen Whitford arrived. She waved.")
    whitford = actor_named(article, "Ellen Whitford")
    assert whitford.kind == "person"
    assert mention_texts(article, whitford) == ["Ellen Whitford", "She"]


@pytest.mark.parametrize(
    "text",
    [
        "House Passes Bill Banning Imports Of Steel\n\nThe vote was close.",
        "She studied economics at George Mason University for four years.",
    ],
)
def test_a_given_name_in_a_headline_or_a_longer_name_is_no_person(run: Run, text: str) -> None:
    assert [a for a in run(text).actors if a.kind == "person"] == []


@pytest.mark.parametrize(
    ("text", "name", "code"),
    [
        ("CNN reported that the vote was close.", "CNN", "USA MED"),
        (
            "The Democratic National Committee said it would appeal.",
            "Democratic National Committee",
            "USA PTY",
        ),
    ],
)
def test_media_and_party_organisations(run: Run, text: str, name: str, code: str) -> None:
    organisation = actor_named(run(text), name)
    assert organisation.kind == "organisation"
    assert organisation.code == code


def test_the_agency_in_a_dateline_is_no_actor(run: Run) -> None:
    article = run("WASHINGTON (Reuters) - The senator said the vote would be close.")
    assert all(a.name != "Reuters" for a in article.actors)


@pytest.mark.parametrize(
    ("text", "name", "sector"),
    [
        ("Police said the road would stay closed.", "Police", "COP"),
        ("Republicans have criticized the plan.", "Republicans", "PTY"),
    ],
)
def test_more_groups_named_by_a_plural_noun(run: Run, text: str, name: str, sector: str) -> None:
    group = actor_named(run(text), name)
    assert group.kind == "group"
    assert group.sector == sector


def test_an_unnamed_campaign_aide_is_a_person(run: Run) -> None:
    article = run('"It is over," said a campaign aide.')
    aide = next(m for m in article.mentions if m.text == "a campaign aide")
    assert aide.actor_id is not None
    assert actor_for_mention(article, aide.id).kind == "person"


def test_a_persons_campaign_is_an_organisation_the_campaign_picks_up(run: Run) -> None:
    article = run(
        "Paul Markham's campaign said it had raised more money. The campaign also hired staff."
    )
    campaign = actor_named(article, "Paul Markham campaign")
    assert campaign.kind == "organisation"
    assert campaign.sector == "PTY"
    assert mention_texts(article, campaign) == ["campaign", "The campaign"]


def test_the_campaign_alone_is_no_actor(run: Run) -> None:
    article = run("The bombing campaign went on. The campaign killed hundreds.")
    assert all(a.kind != "organisation" for a in article.actors)


@pytest.mark.parametrize(
    ("text", "name", "code", "descriptions"),
    [
        (
            "Ann Whitmore, a senior Russian official, denied the report.",
            "Ann Whitmore",
            "RUS GOV",
            ["a senior Russian official"],
        ),
        (
            "The British foreign secretary, Sir Alan Crowther, arrived late.",
            "Alan Crowther",
            "GBR GOV",
            ["The British foreign secretary"],
        ),
    ],
)
def test_a_name_and_its_apposition_are_one_person(
    run: Run, text: str, name: str, code: str, descriptions: list[str]
) -> None:
    article = run(text)
    person = actor_named(article, name)
    assert person.code == code
    assert set(descriptions) <= set(mention_texts(article, person))


def test_a_group_noun_takes_the_country_before_it(run: Run) -> None:
    article = run("Swiss federal prosecutors have opened an inquiry.")
    assert actor_named(article, "prosecutors").code == "CHE JUD"


def test_a_given_name_gives_a_titled_person_a_gender(run: Run) -> None:
    article = run("Sen. Jane Okafor (R) met Gov. Tom Halvorsen. She said he was late.")
    okafor, halvorsen = actor_named(article, "Jane Okafor"), actor_named(article, "Tom Halvorsen")
    assert okafor.code == "USA LEG"
    assert "She" in mention_texts(article, okafor)
    assert "he" in mention_texts(article, halvorsen)


def test_a_users_given_names_extend_the_shipped_ones(tmp_path: Path) -> None:
    (tmp_path / "given_names.yaml").write_text(
        "version: 1\nentries:\n  - {name: Oluwaseun, gender: male}\n", encoding="utf-8"
    )
    names = given_names([tmp_path])
    assert names["oluwaseun"].gender == "male"
    assert names["jeff"].name == "Jeff"


def test_a_courtesy_title_picks_the_full_name_of_its_gender(run: Run) -> None:
    article = run("Bill Okafor spoke first. Jane Okafor followed. Later Mrs. Okafor left.")
    assert "Mrs. Okafor" in mention_texts(article, actor_named(article, "Jane Okafor"))
