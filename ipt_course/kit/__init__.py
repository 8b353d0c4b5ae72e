"""The kit: what every interactive tool of the course shares."""
