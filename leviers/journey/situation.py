"""The elected official's situation, as it travels in the URL of the journey's pages:

    ?commune=53180&besoin=commerce&besoin=lien-social&porteur=commune&etape=emergence
     &texte=...&reponse=local-vacant-identifie=oui

the same parameters as /api/v1/match (read by `profiles.read_situation`), so that a result page
can be shared or bookmarked. The radio buttons of the questions send `question-<id>=oui|non`;
`with_question_answers` folds them into `reponse` parameters.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import QueryDict

from leviers.catalogue.profiles import ProfileRequest, parse_answers

QUESTION_PREFIX = "question-"


def has_question_answers(params: QueryDict) -> bool:
    return any(key.startswith(QUESTION_PREFIX) for key in params)


def with_question_answers(situation: ProfileRequest, params: QueryDict) -> ProfileRequest:
    """`situation` with the `question-<id>=oui|non|` radios folded in (empty: unanswered).
    Raises ProfileError on an unreadable answer."""
    answers = parse_answers(situation.answers)
    for key, value in params.items():
        if not key.startswith(QUESTION_PREFIX):
            continue
        qid = key[len(QUESTION_PREFIX) :]
        if value == "":
            answers.pop(qid, None)
        else:
            answers.update(parse_answers([f"{qid}={value}"]))
    return ProfileRequest(
        commune=situation.commune,
        epci=situation.epci,
        beneficiary=situation.beneficiary,
        stage=situation.stage,
        needs=situation.needs,
        answers=tuple(f"{q}={'oui' if yes else 'non'}" for q, yes in answers.items()),
        text=situation.text,
    )


def query_pairs(situation: ProfileRequest, *, answers: bool = True) -> list[tuple[str, str]]:
    pairs = []
    if situation.commune:
        pairs.append(("commune", situation.commune))
    elif situation.epci:
        pairs.append(("epci", situation.epci))
    pairs += [("besoin", need) for need in situation.needs]
    if situation.beneficiary:
        pairs.append(("porteur", situation.beneficiary))
    if situation.stage:
        pairs.append(("etape", situation.stage))
    if situation.text:
        pairs.append(("texte", situation.text))
    if answers:
        pairs += [("reponse", answer) for answer in situation.answers]
    return pairs


def canonical_query(situation: ProfileRequest, *, answers: bool = True) -> str:
    return urlencode(query_pairs(situation, answers=answers))


def is_empty(situation: ProfileRequest) -> bool:
    """No need, holder, stage, text nor answer: only a territory."""
    return not (
        situation.needs
        or situation.beneficiary
        or situation.stage
        or situation.text
        or situation.answers
    )
