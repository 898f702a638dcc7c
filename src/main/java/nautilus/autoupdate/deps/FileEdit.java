package nautilus.autoupdate.deps;

/** The whole text of one file before and after an edit; {@code path} relative, forward slashes. */
public record FileEdit(String path, String before, String after) {}
