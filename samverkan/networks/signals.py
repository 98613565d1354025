"""What the networks room tells the rooms above it, without knowing them (README,
"Architecture": the layers point down).

membership_added(sender=Membership, actor, membership): sent inside add_membership's
transaction, so that what a receiver writes commits or rolls back with the membership."""

from django.dispatch import Signal

membership_added = Signal()
