"""Surface cues that give an answer away: the item-writing lint and the test-wise trainee."""
