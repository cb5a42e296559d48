"""Chinese amounts: recognised (`parse`) and rendered exactly for a target locale (`render`)."""
