"""`pasok bidkeys rotate`: re-seal every bid and bid document under the first key of
PASOK_BID_KEYS, so the older keys can be removed (pasok.tenders.key_rotation)."""

from django.core.management.base import BaseCommand, CommandError

from pasok.tenders.key_rotation import bids_reseal


class Command(BaseCommand):
    help = ("Re-seal every bid and bid document under the first key of PASOK_BID_KEYS; "
            "afterwards the other keys may be removed.")

    def handle(self, *args, **options):
        try:
            done = bids_reseal()
        except ValueError as exc:  # sealed under a key that is no longer listed
            raise CommandError(f"{exc}; list every key still in use in PASOK_BID_KEYS",
                               returncode=2) from exc
        self.stdout.write(f"Re-sealed {done.bids} bid(s) and {done.documents} document(s) "
                          "under the first key of PASOK_BID_KEYS. The other keys may now be "
                          "removed (keep them while a backup made before now is kept).")
