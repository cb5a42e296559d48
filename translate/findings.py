"""QA findings: small, collected, never raised."""

from __future__ import annotations

from dataclasses import dataclass

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Finding:
    """One problem a check saw in one translated segment."""

    check: str  # "placeholder" | "glossary" | "numbers" | "structure" | ...
    severity: str  # ERROR | WARNING
    message: str
    block: str | None = None  # block id in memory, when known

    def to_dict(self) -> dict[str, str]:
        data = {"check": self.check, "severity": self.severity, "message": self.message}
        if self.block is not None:
            data["block"] = self.block
        return data

    @classmethod
    def from_dict(cls, data: dict[str, str]) -> "Finding":
        return cls(data["check"], data["severity"], data["message"], data.get("block"))
