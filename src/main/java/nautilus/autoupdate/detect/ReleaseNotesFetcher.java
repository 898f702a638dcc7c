package nautilus.autoupdate.detect;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import nautilus.autoupdate.AtomicFiles;
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
    String notes =
        prerelease
            ? withCommitLines(unreleasedSection(text.get()), breakingCommitLines())
            : text.get();
    Path file = cacheDir.resolve("RELEASES-" + v + ".md");
    AtomicFiles.write(file, notes.getBytes(StandardCharsets.UTF_8));
    return Optional.of(file);
  }

  /** The BREAKING lines of the commits on nightly since the last stable tag. */
  private List<String> breakingCommitLines() {
    Optional<String> stable = github.latestStableTag();
    if (stable.isEmpty()) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (GithubReleasesSource.Commit c :
        github.compare(stable.get(), ChangelogBuilder.NIGHTLY_BRANCH).commits()) {
      for (String line : c.breakingLines()) {
        out.add(
            line.replaceFirst("^[-*\\s]*BREAKING:?\\s*", "")
                + " ("
                + c.sha().substring(0, Math.min(7, c.sha().length()))
                + ")");
      }
    }
    return out;
  }

  /**
   * Adds commit BREAKING lines as bullets to the section's "### Breaking Changes" (created when
   * missing), skipping lines the notes already say, so nightly notes include what is not yet
   * written up in RELEASES.md.
   */
  static String withCommitLines(String section, List<String> lines) {
    List<String> fresh =
        lines.stream()
            .filter(l -> !section.contains(l.replaceFirst(" \\([0-9a-f]+\\)$", "")))
            .toList();
    if (fresh.isEmpty() || section.isEmpty()) {
      return section;
    }
    StringBuilder bullets = new StringBuilder();
    fresh.forEach(l -> bullets.append("- ").append(l).append('\n'));
    List<String> out = new ArrayList<>(List.of(section.split("\n", -1)));
    int heading = -1;
    for (int i = 0; i < out.size(); i++) {
      if (out.get(i).trim().equalsIgnoreCase("### Breaking Changes")) {
        heading = i;
        break;
      }
    }
    if (heading < 0) {
      return section.stripTrailing() + "\n\n### Breaking Changes\n\n" + bullets;
    }
    int end = heading + 1;
    while (end < out.size() && !out.get(end).startsWith("#")) {
      end++;
    }
    while (end > heading + 1 && out.get(end - 1).isBlank()) {
      end--;
    }
    out.add(end, bullets.toString().stripTrailing());
    return String.join("\n", out);
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
