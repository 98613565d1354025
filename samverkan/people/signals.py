"""What the people room tells the rooms above it, without knowing them (README,
"Architecture": the layers point down).

person_ended(sender=Person, actor, person, today): sent by records/ending's `end_person`
inside its transaction, after the person's roles have ended and their contact details are
gone, so that each room above closes what it owns and what it writes commits or rolls back
with the ending: accounts closes the account and its sessions, meetings revokes the calendar
feeds, api revokes the tokens (issue 15, §2)."""

from django.dispatch import Signal

person_ended = Signal()
