"""Routing rules, driven through Application.process_update without polling."""
