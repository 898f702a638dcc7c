package nautilus.autoupdate.fix;

/**
 * One file's content before and after the fixes; {@code path} is relative, with forward slashes.
 */
public record FileChange(String path, byte[] before, byte[] after) {}
