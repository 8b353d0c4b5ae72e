"""A whole cohort on one JupyterHub: settings, accounts, home folders, spawner, services."""
