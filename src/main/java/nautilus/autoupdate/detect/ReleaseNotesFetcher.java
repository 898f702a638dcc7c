package nautilus.autoupdate.detect;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import nautilus.autoupdate.UserError;
import nautilus.autoupdate.version.Version;

/**
 * Finds the release notes for a detected version: the configured local RELEASES.md wins; otherwise
 * upstream RELEASES.md at the release tag (for nightly and develop builds, only the top "Released
 * on TBD" section of the nightly branch), fetched conditionally and cached under {@code
 * <state_dir>/notes/}.
 */
public final class ReleaseNotesFetcher {
  private final GithubReleasesSource github;
  private final Path cacheDir;
  private final Path localReleasesMd;

  /**
   * @param localReleasesMd the configured {@code releases_md} (null when not set)
   */
  public ReleaseNotesFetcher(GithubReleasesSource github, Path cacheDir, Path localReleasesMd) {
    this.github = github;
    this.cacheDir = cacheDir;
    this.localReleasesMd = localReleasesMd;
  }

  /** The RELEASES.md file holding this version's notes, or empty when upstream has none. */
  public Optional<Path> notesFor(DetectedVersion d) {
    if (localReleasesMd != null) {
      if (!Files.isRegularFile(localReleasesMd)) {
        throw new UserError("releases_md " + localReleasesMd + " does not exist");
      }
      return Optional.of(localReleasesMd);
    }
    Version v = d.version();
    boolean prerelease = v.isNightly() || v.isDevelop();
    String ref = prerelease ? "nightly" : d.ref() != null ? d.ref() : "v" + v;
    Optional<String> text = github.fileAt("RELEASES.md", ref);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    String notes = prerelease ? unreleasedSection(text.get()) : text.get();
    Path file = cacheDir.resolve("RELEASES-" + v + ".md");
    AtomicFiles.write(file, notes.getBytes(StandardCharsets.UTF_8));
    return Optional.of(file);
  }

  /** The top section of RELEASES.md when it is the unreleased one ("Released on TBD"). */
  static String unreleasedSection(String releasesMd) {
    String[] lines = releasesMd.split("\n", -1);
    StringBuilder out = new StringBuilder();
    boolean inFirst = false;
    boolean tbd = false;
    for (String line : lines) {
      if (line.startsWith("# ")) {
        if (inFirst) {
          break;
        }
        inFirst = true;
      }
      if (inFirst) {
        tbd |= line.trim().startsWith("Released on TBD");
        out.append(line).append('\n');
      }
    }
    return tbd ? out.toString() : "";
  }
}
