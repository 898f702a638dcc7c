package nautilus.autoupdate.release;

/** One upstream commit as breaking-commits.jsonl and the GitHub API describe it. */
public record UpstreamCommit(
    String sha, String date, String author, String title, String message) {}
