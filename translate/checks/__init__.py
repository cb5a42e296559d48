"""Quality checks of a translation: small functions that return `Problem`s, run for machine and human text alike."""
