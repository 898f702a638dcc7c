package nautilus.autoupdate.git;

/** A commit author, e.g. the configured bot identity ({@code git_author_name/email}). */
public record Identity(String name, String email) {
  /** The configured identity, or null (then the repository's git config applies). */
  public static Identity of(String name, String email) {
    return name == null || name.isBlank() || email == null || email.isBlank()
        ? null
        : new Identity(name, email);
  }
}
