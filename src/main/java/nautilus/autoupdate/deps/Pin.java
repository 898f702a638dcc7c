package nautilus.autoupdate.deps;

import java.util.Optional;

/**
 * One declared dependency on a package in one file.
 *
 * @param file path relative to the repository root, forward slashes
 * @param line 1-based line of the specifier
 * @param name the package name as written
 * @param specifier the version constraint as written ({@code ==1.220.0}, {@code ^1.220})
 * @param start offset of the specifier in the file's text (chars)
 * @param end end offset of the specifier, exclusive
 * @param syntax how the constraint is written (PEP 440 or Poetry)
 * @param where a human name of the location ({@code [project].dependencies})
 * @param skip why this pin cannot be edited, if it cannot
 */
public record Pin(
    String file,
    int line,
    String name,
    String specifier,
    int start,
    int end,
    Syntax syntax,
    String where,
    Optional<SkipReason> skip) {

  /** The constraint languages of pin files. */
  public enum Syntax {
    PEP440,
    POETRY
  }

  public boolean editable() {
    return skip.isEmpty();
  }

  /** {@code pyproject.toml:12}. */
  public String location() {
    return file + ":" + line;
  }
}
