"""The journeys of the load test (run by bench/load/run.py, which starts `pasok serve` on
loopback and writes the targets file this reads: PASOK_LOAD_TARGETS).

The server runs with production settings behind no proxy, so each request says what the
TLS proxy in front of it would (`X-Forwarded-Proto: https`, believed from 127.0.0.1 only) and
the cookie jar sends the Secure session cookie over the loopback connection.

- BuyerUser: capability search (the search benchmark's queries), tender list and pages,
  the evaluation page of its own evaluated tenders, a supplier's page.
- SupplierUser: tender list and pages, and bidding on the tenders whose deadline is near:
  the bid form, the sealed bid (a replacement when it bid on the lot before), the receipt.
- PlannerUser: the cooperative's allocation plans (the demo's Batur Jaya).
- LastMinuteBidder (scenario C alone): one supplier each, signed in early, bids once at its
  moment in the last minute before the deadline (the first REPLACERS twice); outcomes go to
  PASOK_LOAD_OUT for the runner to check against the database.
"""

import json
import os
import random
import re
import time
from http.cookiejar import DefaultCookiePolicy
from itertools import count
from urllib.parse import urlencode

from locust import FastHttpUser, constant, events, task
from locust.exception import StopUser

TARGETS = json.loads(open(os.environ["PASOK_LOAD_TARGETS"], encoding="utf-8").read())  # noqa: SIM115
THINK = float(os.environ.get("PASOK_LOAD_THINK", "1"))
WAIT = constant(THINK)
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
REFUSED = ("Bids are not accepted", "Penawaran tidak diterima")
_numbers = count()


# Send Secure cookies over http://127.0.0.1: TLS ends at the (absent) proxy. For the whole
# locust process: each user's cookie jar has the default policy.
DefaultCookiePolicy.return_ok_secure = lambda _policy, _cookie, _request: True


class Signed(FastHttpUser):
    """FastHttpUser (geventhttpclient) rather than HttpUser (requests): the load generator
    shares the server's two cores, and requests costs it several times more CPU a request."""

    abstract = True
    wait_time = WAIT

    def on_start(self):
        self.headers = {"X-Forwarded-Proto": "https",
                        "Referer": f"https://{self.host.split('://')[1]}/",
                        "Accept-Language": "id"}
        self.number = next(_numbers)
        self.email = self.choose_email()
        self.login(self.email, self.password())
        signed_in(self.environment)

    def password(self) -> str:
        return TARGETS["password"]

    def csrf(self, path: str, name: str) -> str | None:
        with self.client.get(path, name=name, catch_response=True,
                             headers=self.headers) as response:
            found = CSRF.search(response.text or "")
            if response.status_code != 200 or not found:
                response.failure(f"{response.status_code}, no form")
                return None
            return found.group(1)

    def login(self, email: str, password: str) -> None:
        token = self.csrf("/accounts/login/", "login: form")
        started = time.monotonic()
        with self.client.post("/accounts/login/", name="login: sign in", catch_response=True,
                              allow_redirects=False, headers=self.headers,
                              data={"username": email, "password": password,
                                    "csrfmiddlewaretoken": token}) as response:
            if response.status_code != 302:
                response.failure(f"sign-in of {email} answered {response.status_code}")
        SIGN_INS.append(time.monotonic() - started)

    def page(self, path: str, name: str, params=None) -> None:
        """A page, which must be the page asked for: a redirect to the login is an error."""
        if params:
            path = f"{path}?{urlencode(params, doseq=True)}"
        with self.client.get(path, name=name, catch_response=True,
                             headers=self.headers) as response:
            if response.status_code != 200 or "/accounts/login/" in response.url:
                response.failure(f"{response.status_code} at {response.url}")

    def tender_page(self, pks: list[int]) -> None:
        self.page(f"/tenders/{random.choice(pks)}/", "tender page")


class BuyerUser(Signed):
    weight = 2

    def choose_email(self) -> str:
        self.me = TARGETS["buyers"][self.number % len(TARGETS["buyers"])]
        return self.me["email"]

    @task(5)
    def search(self):
        self.page("/suppliers/", "capability search", params=random.choice(TARGETS["searches"]))

    @task(2)
    def tender_list(self):
        self.page("/tenders/", "tender list")

    @task(2)
    def own_tender(self):
        self.tender_page(self.me["tenders"])

    @task(2)
    def evaluation(self):
        pk = random.choice(self.me["evaluated"])
        self.page(f"/tenders/{pk}/evaluation/", "evaluation page")

    @task(1)
    def supplier_page(self):
        self.page(f"/suppliers/{random.choice(TARGETS['suppliers'])}/", "supplier page")


class SupplierUser(Signed):
    weight = 3

    def choose_email(self) -> str:
        return TARGETS["supplier_emails"][self.number % len(TARGETS["supplier_emails"])]

    @task(3)
    def tender_list(self):
        self.page("/tenders/", "tender list")

    @task(3)
    def tender(self):
        self.tender_page(TARGETS["published"])

    @task(2)
    def bid(self):
        near = random.choice(TARGETS["near"])
        lot = random.choice(near["lots"])
        submit_bid(self, near["tender"], lot["pk"], lot["quantity"])


def submit_bid(user: Signed, tender: int, lot: int, quantity: int,
               price: int | None = None) -> tuple[str, float, float]:
    """The bid form, the bid, the receipt; returns the outcome and when it was sent and
    answered ("accepted", "refused" or "error: …")."""
    path = f"/tenders/{tender}/lots/{lot}/bid/"
    token = user.csrf(path, "bid: form")
    price = price or random.randrange(50_000, 400_000, 100)
    sent = time.time()
    with user.client.post(path, name="bid: submit", catch_response=True, allow_redirects=False,
                          headers=user.headers,
                          data={"csrfmiddlewaretoken": token, "unit_price": str(price),
                                "quantity": str(quantity),
                                "monthly_capacity": str(max(1, quantity // 12)),
                                "origin": "domestic", "tkdn_source": "",
                                "total_price": ""}) as response:
        answered = time.time()
        if response.status_code == 302 and "/receipt/" in response.headers.get("Location", ""):
            outcome = "accepted"
        elif response.status_code == 200 and any(r in response.text for r in REFUSED):
            outcome = "refused"
            if not getattr(user, "expect_refusals", False):
                response.failure("bid refused")
        else:
            outcome = f"error: {response.status_code}"
            response.failure(outcome)
    if outcome == "accepted":
        user.page(response.headers["Location"], "bid: receipt")
    return outcome, sent, answered


class PlannerUser(Signed):
    weight = 1

    def choose_email(self) -> str:
        return TARGETS["planner"]["email"]

    def password(self) -> str:
        return TARGETS["planner"]["password"]

    @task(1)
    def plan_list(self):
        self.page("/plans/", "plan list")

    @task(3)
    def plan(self):
        self.page(f"/plans/{random.choice(TARGETS['planner']['plans'])}/", "plan page")

    @task(1)
    def plan_run(self):
        plan, number = random.choice(TARGETS["planner"]["runs"])
        self.page(f"/plans/{plan}/runs/{number}/", "plan run page")


OUTCOMES: list[dict] = []
SIGN_INS: list[float] = []  # seconds each sign-in took, kept apart from the measured window
_measuring = {"since": None}


def signed_in(environment) -> None:
    """With PASOK_LOAD_RESET=1, measure from the moment every user has signed in: each
    sign-in hashes a password (PBKDF2), so the sign-ins are the ramp, reported apart."""
    if (os.environ.get("PASOK_LOAD_RESET") == "1" and _measuring["since"] is None
            and len(SIGN_INS) == environment.parsed_options.num_users):
        _measuring["since"] = time.time()
        environment.runner.stats.reset_all()


class LastMinuteBidder(Signed):
    """Scenario C, run alone (the runner names the classes of each scenario)."""

    expect_refusals = True
    wait_time = constant(0)

    def choose_email(self) -> str:
        return TARGETS["last_minute"]["emails"][self.number]

    @task
    def bid_at_my_moment(self):
        plan = TARGETS["last_minute"]
        moments = [plan["first"] + self.number * plan["step"]]
        if self.number < plan["replacers"]:
            moments.append(moments[0] + plan["replace_after"])
        for version, moment in enumerate(moments, start=1):
            time.sleep(max(0.0, moment - time.time()))
            price = 100_000 + self.number * 100 + version
            outcome, sent, answered = submit_bid(self, plan["tender"], plan["lot"],
                                                 plan["quantity"], price)
            OUTCOMES.append({"email": self.email, "price": price, "outcome": outcome,
                             "sent": sent, "answered": answered})
        raise StopUser


@events.test_stop.add_listener
def _write_outcomes(environment, **_kwargs):
    out = os.environ.get("PASOK_LOAD_OUT")
    if out:
        with open(out, "w", encoding="utf-8") as fh:
            json.dump({"bids": OUTCOMES, "sign_ins": SIGN_INS,
                       "measured_since": _measuring["since"], "stopped": time.time()}, fh)
