"""One exception tree; every error has a stable code (``E1xx`` input, ``E2xx`` config ...).

Codes:
  E101 input not found          E102 input unreadable        E103 input empty
  E104 input is binary          E105 input undecodable       E106 input too large
  E107 URL fetch failed         E108 unsupported source
  E109 duplicate document       E110 fetch refused (robots.txt, private address, scheme)
  E201 bad option / settings    E202 unknown pipeline step
  E301 step failed on document  E302 step broke the add-only contract
  E401 JSON schema mismatch
  E501 storage error            E502 database corrupt or not khabar's
  E503 database server unreachable  E504 database login refused
  E505 database refused one document (recorded as a rejection, the ingest goes on)
"""

from __future__ import annotations


class KhabarError(Exception):
    """Base of every error khabar raises on purpose."""

    code = "E000"

    def __init__(self, message: str, *, code: str | None = None) -> None:
        super().__init__(message)
        if code is not None:
            self.code = code
        self.message = message

    def __str__(self) -> str:
        return f"{self.code}: {self.message}"


class InputError(KhabarError):
    code = "E102"


class InputNotFound(InputError):
    code = "E101"


class EmptyInput(InputError):
    code = "E103"


class BinaryInput(InputError):
    code = "E104"


class UndecodableInput(InputError):
    code = "E105"


class InputTooLarge(InputError):
    code = "E106"


class FetchError(InputError):
    code = "E107"


class UnsupportedSource(InputError):
    code = "E108"


class DuplicateInput(InputError):
    code = "E109"


class FetchRefused(FetchError):
    code = "E110"


class ConfigError(KhabarError):
    code = "E201"


class UnknownStep(ConfigError):
    code = "E202"


class StepFailed(KhabarError):
    code = "E301"


class ContractViolation(StepFailed):
    code = "E302"


class SchemaError(KhabarError):
    code = "E401"


class StorageError(KhabarError):
    code = "E501"


class StoreCorrupt(StorageError):
    code = "E502"


class StoreUnreachable(StorageError):
    code = "E503"


class StoreAuthFailed(StorageError):
    code = "E504"


class StoreRefused(StorageError):
    code = "E505"
