"""The tender lifecycle as data (tenders.lifecycle): what each action may start from and
where it leads, and that the services refuse exactly what the table refuses."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pasok.tenders.lifecycle import TRANSITIONS, Action, NotAllowed, Stage, allows, require
from pasok.tenders.models import Status


def test_the_path_of_a_tender_from_draft_to_award():
    stage = Stage.DRAFT
    for action in (Action.EDIT, Action.PUBLISH):
        stage = require(action, stage)
    assert stage == Stage.PUBLISHED and allows(Action.BID, stage)
    stage = Stage.CLOSED  # the bid deadline passes: the clock, not an action
    assert not allows(Action.BID, stage) and not allows(Action.ASK, stage)
    for action, then in ((Action.OPEN, Stage.OPENED), (Action.EVALUATE, Stage.EVALUATED),
                         (Action.AWARD, Stage.AWARDED)):
        stage = require(action, stage)
        assert stage == then
    assert allows(Action.FOLLOW_UP, stage) and not allows(Action.CANCEL, stage)


def test_an_awarded_or_cancelled_tender_is_final():
    for stage in (Stage.AWARDED, Stage.CANCELLED):
        changing = [a for a in Action if allows(a, stage) and TRANSITIONS[a][1] is not None]
        assert changing == []
    with pytest.raises(NotAllowed):
        require(Action.CANCEL, Stage.CANCELLED)


@given(st.sampled_from(list(Action)), st.sampled_from(list(Stage)))
def test_every_action_either_leads_somewhere_or_is_refused(action, stage):
    if allows(action, stage):
        assert require(action, stage) in Stage
    else:
        with pytest.raises(NotAllowed):
            require(action, stage)


def test_the_statuses_people_read_are_the_lifecycle_stages():
    assert [s.value for s in Status] == [s.value for s in Stage]
    assert Status("awarded").label == "Ditetapkan pemenangnya"
