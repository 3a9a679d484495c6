"""The patient's records: daily summary, reports, supply and refills, export, delete, privacy."""
