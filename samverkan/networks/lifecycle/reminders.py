"""The network lifecycle's daily reminders (run by notifications.reminders.run_daily)."""

import datetime

from samverkan.networks.lifecycle import notices
from samverkan.networks.lifecycle.activity import inactive_networks, resolve_active_again
from samverkan.networks.lifecycle.services import invite_new_members_everywhere
from samverkan.notifications.reminders import daily_reminder


@daily_reminder
def invite_new_members(today: datetime.date) -> None:
    """S1: a municipality that became a member (or got a management contact) after a proposal
    was made is invited too."""
    invite_new_members_everywhere(today)


@daily_reminder
def flag_inactive_networks(today: datetime.date) -> None:
    """C1: an active network without activity for 12 months is flagged to the secretariat,
    once per period of inactivity (the notice's key names the last activity)."""
    for network, last in inactive_networks(today):
        notices.network_inactive(network, last)


# --- Issue 16 part B2: C1 notices resolve ---
@daily_reminder
def resolve_inactivity_notices(today: datetime.date) -> None:
    """C1: the inactivity notice of a network that is active again resolves."""
    resolve_active_again(today)
