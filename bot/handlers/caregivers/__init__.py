"""Caregivers: the patient's /caregivers, the caregiver's /start link and /patients, nudges."""
