package nautilus.autoupdate.release;

/**
 * One bullet of a release-notes section, continuation lines and nested items joined into {@code
 * text}; {@code migration} holds a fenced code block that follows the item (or null); {@code line}
 * is the 1-based line in the source file (0 when unknown).
 */
public record NoteItem(String text, String migration, int line) {}
