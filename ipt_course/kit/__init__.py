"""What every tool shares: saved work, HTML rendering, widget pieces, the IPT vocabulary."""
