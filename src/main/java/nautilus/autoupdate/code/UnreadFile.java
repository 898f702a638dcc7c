package nautilus.autoupdate.code;

/**
 * Something under the source dirs that the scan could not read, or read only in part: a folder it
 * may not open, a file too large, not UTF-8, not a notebook, or with syntax errors. {@code
 * mayUsePackage} is whether it may hold a use of the package: its bytes name it, or no one could
 * tell (nothing was read).
 */
public record UnreadFile(String path, String reason, boolean mayUsePackage) {}
