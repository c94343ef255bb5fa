"""Reporting: the command-line JSON contract, the dashboard's page tables and its figures."""
