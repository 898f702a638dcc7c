package nautilus.autoupdate.release;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import nautilus.autoupdate.Json;
import nautilus.autoupdate.UserError;
import nautilus.autoupdate.version.Version;

/**
 * Breaking changes marked in upstream commit messages ({@code BREAKING: ...} lines). The commits
 * between two refs belong to the version after them, which the caller supplies; the result is one
 * unreleased release with a single "Breaking Changes" section. The same text marked in several
 * commits (cherry-picks, merges) is listed once.
 */
public final class CommitMessagesSource implements ReleaseSource {
  private final List<UpstreamCommit> commits;
  private final Version version;
  private final String sourceName;

  public CommitMessagesSource(List<UpstreamCommit> commits, Version version, String sourceName) {
    this.commits = List.copyOf(commits);
    this.version = version;
    this.sourceName = sourceName;
  }

  /** Reads commits from a JSON-lines file of {@code {sha,date,author,title,message}} objects. */
  public static CommitMessagesSource fromJsonl(Path file, Version version) {
    return new CommitMessagesSource(readJsonl(file), version, file.toString());
  }

  public static List<UpstreamCommit> readJsonl(Path file) {
    List<String> lines = SourceFiles.read(file, "a JSON-lines file of commits").lines().toList();
    List<UpstreamCommit> out = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).isBlank()) {
        continue;
      }
      JsonNode n;
      try {
        n = Json.mapper().readTree(lines.get(i));
      } catch (JsonProcessingException e) {
        throw new UserError(
            file + ":" + (i + 1) + ": malformed JSON (expected one commit object per line)", e);
      }
      if (!n.isObject() || !n.path("message").isTextual()) {
        throw new UserError(
            file
                + ":"
                + (i + 1)
                + ": expected an object with a string 'message' (and sha, date, author, title)");
      }
      out.add(
          new UpstreamCommit(
              n.path("sha").asText(""),
              n.path("date").asText(""),
              n.path("author").asText(""),
              n.path("title").asText(""),
              n.path("message").asText()));
    }
    return out;
  }

  @Override
  public String describe() {
    return sourceName;
  }

  @Override
  public List<Release> releases() {
    Set<String> texts = new LinkedHashSet<>();
    for (UpstreamCommit c : commits) {
      texts.addAll(BreakingLines.extract(c.message()));
    }
    List<NoteItem> items = new ArrayList<>();
    for (String t : texts) {
      items.add(new NoteItem(t, null, 0));
    }
    return List.of(
        new Release(
            version,
            Optional.empty(),
            List.of(new NotesSection("Breaking Changes", items)),
            "commits:" + sourceName));
  }
}
