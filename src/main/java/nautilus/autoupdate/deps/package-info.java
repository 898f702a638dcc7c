/**
 * The upstream package's pins and lock. {@link nautilus.autoupdate.deps.Pins} reads the current
 * version (uv.lock first, then exact pins, then the lowest version a range allows) and plans bumps
 * that change only version text; {@link nautilus.autoupdate.deps.PinFile} has one implementation
 * per file kind, registered in {@link nautilus.autoupdate.deps.PinFiles}. Entries that cannot be
 * edited are reported with a {@link nautilus.autoupdate.deps.SkipReason}: unpinned entries and
 * direct references are left alone; escaped TOML strings and Poetry {@code ||} or space-separated
 * ranges stop a bump with an error naming file and line. Poetry package sources are not written.
 * {@link nautilus.autoupdate.deps.UvLockRefresher} refreshes {@code uv.lock} with {@code
 * lock_command}. See docs/dependencies.md.
 */
package nautilus.autoupdate.deps;
