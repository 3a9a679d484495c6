"""Caregivers: consent-based links between patients and the people who follow them (DESIGN §5).

`invites` makes and redeems one-time links, `links` holds every rule about who may see and
change what, `alerts` queues alerts as occurrences the reminder engine sends, `digest` gathers
the daily digest. Every call re-reads the rows it acts on: callback data is never trusted.
"""
