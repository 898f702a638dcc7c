import msgspec


class NautilusConfig(msgspec.Struct, kw_only=True, frozen=True):
    def validate(self) -> bool:
        return True


class InstrumentProviderConfig(NautilusConfig, frozen=True):
    load_all: bool = False
    load_ids: frozenset | None = None
