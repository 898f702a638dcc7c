package nautilus.autoupdate.deps;

/** Why a dependency entry is reported but never edited. */
public enum SkipReason {
  /** No version constraint at all ({@code nautilus_trader}): the lock file decides. */
  UNPINNED,
  /** A direct reference ({@code nautilus_trader @ https://...}) or a path/git source. */
  DIRECT_REFERENCE,
  /** A string with escape sequences, whose text we cannot edit byte for byte. */
  ESCAPED_STRING,
  /** A constraint we do not understand well enough to edit safely. */
  UNSUPPORTED_CONSTRAINT
}
