/**
 * Configuration: {@link nautilus.autoupdate.config.ConfigLoader} merges flags, {@code
 * NAUTILUS_AUTOUPDATE_*} variables, {@code [tool.nautilus-autoupdate]} (or {@code
 * nautilus-autoupdate.toml}) and defaults into an {@link
 * nautilus.autoupdate.config.AutoUpdateConfig}, remembering each value's {@link
 * nautilus.autoupdate.config.Origin}. Keys come from the record's components ({@link
 * nautilus.autoupdate.config.ConfigKey}). See docs/configuration.md.
 */
package nautilus.autoupdate.config;
