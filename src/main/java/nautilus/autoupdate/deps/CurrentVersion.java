package nautilus.autoupdate.deps;

import nautilus.autoupdate.version.Version;

/**
 * The version of the upstream package a repository is on, and how we know.
 *
 * @param file where it was read, relative to the repository root ({@code uv.lock})
 * @param line 1-based line in that file
 * @param specifier the declared constraint ({@code ==1.220.0}), empty when only locked
 * @param origin a sentence for people: "locked in uv.lock", "lowest version allowed by ..."
 * @param source what the report names as the source, short: {@code uv.lock}, {@code
 *     pyproject.toml}, {@code .venv (installed)}, {@code git pin <sha>}
 * @param commit the upstream commit we are on when a git pin or a git install says, else null
 */
public record CurrentVersion(
    Version version,
    String file,
    int line,
    String specifier,
    String origin,
    String source,
    String commit) {}
