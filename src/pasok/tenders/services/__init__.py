"""Writes of the tender life cycle, one module per job: drafting (the draft, its lots, its
reference, publish, cancel), bids (sealed: submit, read back, withdraw), opening (open,
evaluate, the split proposal queued), award (whole, split, as the optimiser proposed; a new
draft for what it left uncovered), questions. Keyword-only, atomic, audited; guards.py is what
each checks first (the row lock, lifecycle.TRANSITIONS; who runs the tender is
accounts.permissions.may_manage_tender). The preference
rules are pasok.rules.preference, the award plans awarding.py. The *_preview functions run a
write's checks without writing, for the confirmation pages.

Callers import from here (`from pasok.tenders import services`); the modules are the
layout, not the interface."""

from .addenda import (  # noqa: F401
    LotRefused,
    addendum_issue,
    tender_read,
)
from .award import (  # noqa: F401
    award_preview,
    tender_award,
    tender_award_optimised,
    tender_award_split,
    tender_follow_up,
)
from .bids import (  # noqa: F401
    bid_confirm,
    bid_content_for,
    bid_submit,
    bid_withdraw,
    bid_withdraw_preview,
    visible_bid_content,
)
from .drafting import (  # noqa: F401
    LOT_FIELDS,
    TENDER_FIELDS,
    PublishPreview,
    cancel_preview,
    lot_add,
    lot_remove,
    lot_update,
    publish_preview,
    tender_cancel,
    tender_create,
    tender_publish,
    tender_update,
)
from .objections import (  # noqa: F401
    objection_answer,
    objection_file,
)
from .opening import (  # noqa: F401
    split_proposal_queue,
    tender_evaluate,
    tender_open,
)
from .questions import (  # noqa: F401
    question_answer,
    question_ask,
)
