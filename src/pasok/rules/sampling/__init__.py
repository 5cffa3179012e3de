"""ISO 2859-1:1999 (≡ GB/T 2828.1-2012) acceptance sampling by attributes, single
sampling: the tables (tables.py), a lot's plan (plans.py), the switching rules of clause 9
(switching.py) and the JSON of `pasok sampling plan|run` (json_io.py)."""

from .plans import LotPlan, Plan, code_letter, plan, plan_for_lot
from .switching import Discontinued, LotResult, State, inspect, run, start

__all__ = ["Discontinued", "LotPlan", "LotResult", "Plan", "State", "code_letter", "inspect",
           "plan", "plan_for_lot", "run", "start"]
