"""Translation memory: per post and target, what was translated, by whom, from which source."""
