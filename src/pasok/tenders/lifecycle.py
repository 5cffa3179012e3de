"""A tender's lifecycle as data: the statuses, and for each action the statuses it may be
taken from and the status it leads to. Services consult it (`require`) and pages ask it what
may be done (`allows`), so no guard is spelt out twice. Pure: no Django, no database (the
status itself follows from the tender's timestamps and the clock, models.Tender.status_at).

Published becomes closed by the clock at the bid deadline, not by an action. An award is
announced at AWARDED and becomes final by the clock too, once its objection period has passed
with every objection answered (models.Tender.award_final_at): OBJECT and ANSWER_OBJECTION are
taken while it is awarded, their timing is the objection period's (rules.objection_period)."""

from enum import StrEnum


class Stage(StrEnum):
    DRAFT = "draft"
    PUBLISHED = "published"
    CLOSED = "closed"
    OPENED = "opened"
    EVALUATED = "evaluated"
    AWARDED = "awarded"
    CANCELLED = "cancelled"


class Action(StrEnum):
    EDIT = "edit"  # the draft's terms and lots
    PUBLISH = "publish"
    BID = "bid"  # submit, replace, withdraw or confirm a bid against an addendum
    ADDENDUM = "addendum"  # documents, lots or the deadline amended before the deadline
    ASK = "ask"  # a clarification question
    OPEN = "open"
    EVALUATE = "evaluate"
    AWARD = "award"  # whole, split by hand or as the optimiser proposed
    CANCEL = "cancel"
    FOLLOW_UP = "follow_up"  # a new draft for what the award left uncovered
    OBJECT = "object"  # a bidder's objection to the award (sanggah)
    ANSWER_OBJECTION = "answer_objection"  # the buyer's answer (jawaban sanggah)


# action → (the stages it may be taken from, the stage it leads to; None: the stage stays)
TRANSITIONS: dict[Action, tuple[frozenset[Stage], Stage | None]] = {
    Action.EDIT: (frozenset({Stage.DRAFT}), None),
    Action.PUBLISH: (frozenset({Stage.DRAFT}), Stage.PUBLISHED),
    Action.BID: (frozenset({Stage.PUBLISHED}), None),
    Action.ASK: (frozenset({Stage.PUBLISHED}), None),
    Action.ADDENDUM: (frozenset({Stage.PUBLISHED}), None),
    Action.OPEN: (frozenset({Stage.CLOSED}), Stage.OPENED),
    Action.EVALUATE: (frozenset({Stage.OPENED}), Stage.EVALUATED),
    Action.AWARD: (frozenset({Stage.EVALUATED}), Stage.AWARDED),
    Action.CANCEL: (frozenset({Stage.DRAFT, Stage.PUBLISHED, Stage.CLOSED, Stage.OPENED,
                               Stage.EVALUATED}), Stage.CANCELLED),
    Action.FOLLOW_UP: (frozenset({Stage.AWARDED}), None),
    Action.OBJECT: (frozenset({Stage.AWARDED}), None),
    Action.ANSWER_OBJECTION: (frozenset({Stage.AWARDED}), None),
}


class NotAllowed(Exception):
    def __init__(self, action: Action, stage: Stage):
        super().__init__(f"{action} is not possible while the tender is {stage}")
        self.action, self.stage = action, stage


def allows(action: Action, stage: str) -> bool:
    return Stage(stage) in TRANSITIONS[action][0]


def require(action: Action, stage: str) -> Stage:
    """The stage `action` leads to from `stage`; NotAllowed when it may not be taken."""
    if not allows(action, stage):
        raise NotAllowed(action, Stage(stage))
    return TRANSITIONS[action][1] or Stage(stage)
